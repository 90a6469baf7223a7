package org.xmodal.engine.hha;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.xmodal.engine.json.Identified;

/** What the G channel measures height from. */
public enum FloorReference implements Identified {
    /**
     * The lowest point of the cloud, as rcnn-depth does ({@code prctile(h, 0)}). With sensor noise the lowest
     * point lies a few sigma below the true floor (2 to 5 cm on Kinect-like data), which the reference accepts.
     */
    LOWEST_POINT("lowest-point"),
    /**
     * The median height of the pixels whose normal is parallel to gravity within 25 cm of the lowest point: the
     * floor plane itself, robust to noise; the lowest point when too few such pixels are in view.
     */
    FLOOR_PLANE("floor-plane");

    private final String id;

    FloorReference(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static FloorReference parse(String s) {
        return Identified.parse(FloorReference.class, s, "floor reference");
    }
}
