package org.xmodal.engine.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.xmodal.engine.json.Identified;

/** The dense optical-flow methods of BoofCV that the workbench exposes. */
public enum FlowMethod implements Identified {
    /** Brox, Bruhn, Papenberg, Weickert (ECCV 2004): warping-based variational flow, the method of the papers. */
    BROX("brox"),
    /** Horn-Schunck with image warping over a pyramid. */
    HORN_SCHUNCK("horn-schunck"),
    /** Dense pyramidal KLT: a Lucas-Kanade track started at every pixel. */
    KLT("klt"),
    /** Block matching over a pyramid. */
    REGION("region");

    private final String id;

    FlowMethod(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static FlowMethod parse(String s) {
        return Identified.parse(FlowMethod.class, s, "flow method");
    }
}
