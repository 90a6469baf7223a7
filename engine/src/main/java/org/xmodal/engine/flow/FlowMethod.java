package org.xmodal.engine.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.xmodal.engine.json.Identified;

/**
 * The dense optical-flow methods the workbench exposes: BoofCV's (Brox, the papers' method, and three rougher ones)
 * and OpenCV's through JavaCV (DIS at its three presets, Farneback, and TV-L1, the flow of two-stream action
 * recognition).
 */
public enum FlowMethod implements Identified {
    /** Brox, Bruhn, Papenberg, Weickert (ECCV 2004): warping-based variational flow, the method of the papers. */
    BROX("brox"),
    /** Horn-Schunck with image warping over a pyramid. */
    HORN_SCHUNCK("horn-schunck"),
    /** Dense pyramidal KLT: a Lucas-Kanade track started at every pixel. */
    KLT("klt"),
    /** Block matching over a pyramid. */
    REGION("region"),
    /** OpenCV's DIS (Kroeger et al., ECCV 2016) at its ultrafast preset. */
    DIS_ULTRAFAST("dis-ultrafast"),
    /** OpenCV's DIS at its fast preset. */
    DIS_FAST("dis-fast"),
    /** OpenCV's DIS at its medium preset. */
    DIS_MEDIUM("dis-medium"),
    /** OpenCV's Farneback (polynomial expansion over a pyramid). */
    FARNEBACK("farneback"),
    /** OpenCV's dual TV-L1 (Zach, Pock and Bischof 2007), optflow module: two-stream action recognition's flow. */
    TV_L1("tv-l1");

    private final String id;

    FlowMethod(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** Whether OpenCV computes it (else BoofCV). */
    public boolean openCv() {
        return ordinal() >= DIS_ULTRAFAST.ordinal();
    }

    @JsonCreator
    public static FlowMethod parse(String s) {
        return Identified.parse(FlowMethod.class, s, "flow method");
    }
}
