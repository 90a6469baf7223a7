package org.xmodal.engine.synth;

import java.util.Arrays;
import java.util.List;
import org.xmodal.engine.json.Identified;

/**
 * The action classes of {@code xmodal synth --actions}: motions that a single RGB frame tells apart poorly but optical
 * flow does, as the flow stream of an action recogniser needs. Every clip is a furnished room seen from where a
 * person would stand, its room taken under the same condition whatever the class (see {@link ActionMotion#draw}),
 * the pushed, spun and approaching objects standing on the floor as in any room, and lift and fall showing their
 * object at the same heights. (A frame does show whether some object floats, which only lift and fall do.)
 * Magnitudes are drawn per clip in the ranges {@link ObjectActions} and {@link ActionMotion} document; those given
 * here are at 160x120 and scale with the image.
 */
public enum ActionKind implements Identified {
    /** A light floor object slides to the camera's left (along the camera's level right axis): 2.4-4.8 px/frame. */
    PUSH_LEFT("push-left", false),
    /** As {@link #PUSH_LEFT}, to the right. */
    PUSH_RIGHT("push-right", false),
    /** A light object rises, slowing down as it nears the top (a fall played backwards, so the same heights). */
    LIFT("lift", false),
    /** A light object drops, speeding up: 1.6-3.2 px in the first frame, 0.8-1.6 px/frame more each frame. */
    FALL("fall", false),
    /** A light floor object spins about the vertical through its middle, either sense: rim 3.2-6.4 px/frame. */
    ROTATE("rotate", false),
    /** The camera turns about the vertical (yaw), either sense, 1.2-2.5 degrees per frame: about 3-6 px/frame. */
    PAN("pan", true),
    /** The camera turns up or down (pitch), 1.2-2.5 degrees per frame. */
    TILT("tilt", true),
    /** The lens zooms in or out (focal length x 1.04-1.07 or its inverse per frame) about the principal point. */
    ZOOM("zoom", true),
    /** Two light floor objects slide towards each other: 1.6-3.2 px/frame each. */
    APPROACH("approach", false);

    private final String id;
    private final boolean movesCamera;

    ActionKind(String id, boolean movesCamera) {
        this.id = id;
        this.movesCamera = movesCamera;
    }

    @Override
    public String id() {
        return id;
    }

    /** Whether the class is the camera's motion (the room stands still) rather than an object's. */
    public boolean movesCamera() {
        return movesCamera;
    }

    /** Every class's id, in this order: the action dataset's scene classes. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ActionKind::id).toList();
    }
}
