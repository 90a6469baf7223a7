package org.xmodal.engine.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.xmodal.engine.json.Identified;

/**
 * The dense optical-flow methods the workbench exposes: BoofCV's (Brox, the papers' method, and three rougher ones)
 * and OpenCV's through JavaCV (DIS at its three presets, Farneback, and TV-L1, the flow of two-stream action
 * recognition), and, GPU only, OpenCV's CUDA methods ({@code cuda-*}): they need the GPU build ({@code mvn -Pcuda
 * package}, OpenCV's CUDA natives) and an NVIDIA GPU, and are refused elsewhere ({@link OpenCvCuda}).
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
    TV_L1("tv-l1"),
    /** GPU only: OpenCV's CUDA Brox (the papers' method), on frames in [0, 1]. */
    CUDA_BROX("cuda-brox"),
    /** GPU only: OpenCV's CUDA dual TV-L1. */
    CUDA_TV_L1("cuda-tv-l1"),
    /** GPU only: OpenCV's CUDA Farneback. */
    CUDA_FARNEBACK("cuda-farneback"),
    /** GPU only: OpenCV's CUDA dense pyramidal Lucas-Kanade. */
    CUDA_PYRLK("cuda-pyrlk");

    private final String id;

    FlowMethod(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** Whether OpenCV computes it (else BoofCV), on the CPU or, for {@link #cuda()} methods, on an NVIDIA GPU. */
    public boolean openCv() {
        return ordinal() >= DIS_ULTRAFAST.ordinal();
    }

    /** Whether it runs only on an NVIDIA GPU, with OpenCV's CUDA build (see {@link OpenCvCuda}). */
    public boolean cuda() {
        return ordinal() >= CUDA_BROX.ordinal();
    }

    @JsonCreator
    public static FlowMethod parse(String s) {
        return Identified.parse(FlowMethod.class, s, "flow method");
    }
}
