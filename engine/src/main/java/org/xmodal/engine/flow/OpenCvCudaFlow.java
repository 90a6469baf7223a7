package org.xmodal.engine.flow;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.GpuMat;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_cudaoptflow.BroxOpticalFlow;
import org.bytedeco.opencv.opencv_cudaoptflow.DenseOpticalFlow;
import org.bytedeco.opencv.opencv_cudaoptflow.DensePyrLKOpticalFlow;
import org.bytedeco.opencv.opencv_cudaoptflow.FarnebackOpticalFlow;
import org.bytedeco.opencv.opencv_cudaoptflow.OpticalFlowDual_TVL1;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Dense optical flow with OpenCV's CUDA module (cudaoptflow), on the first CUDA device: the frames' luminance (as
 * {@link OpenCvFlow} computes it) is uploaded to the GPU, as float32 in [0, 1] for Brox (the only input OpenCV's CUDA
 * Brox takes) and 8-bit for the others, and the 2-channel flow is downloaded. Every pixel gets a vector. Refused at
 * construction, before any CUDA class is loaded, where {@link OpenCvCuda} says the methods cannot run. Not
 * thread-safe: keep one per thread, as {@link FlowEstimator}.
 */
final class OpenCvCudaFlow implements AutoCloseable {
    /** Brox's linear-solver iterations per inner iteration: OpenCV's default (no {@link FlowConfig} field). */
    static final int BROX_SOLVER_ITERATIONS = 10;

    private final FlowConfig config;
    private final DenseOpticalFlow flow;

    OpenCvCudaFlow(FlowConfig config) {
        OpenCvCuda.require(config.method());
        this.config = config;
        this.flow = create(config);
    }

    private static DenseOpticalFlow create(FlowConfig c) {
        switch (c.method()) {
            case CUDA_BROX:
                return BroxOpticalFlow.create(c.alpha(), c.gamma(), c.pyramidScale(), c.innerIterations(), c.warps(),
                        BROX_SOLVER_ITERATIONS);
            case CUDA_TV_L1: {
                OpticalFlowDual_TVL1 t = OpticalFlowDual_TVL1.create();
                t.setLambda(c.alpha());
                t.setNumWarps(c.warps());
                t.setNumScales(c.pyramidLayers());
                t.setScaleStep(c.pyramidScale());
                return t;
            }
            case CUDA_FARNEBACK: {
                FarnebackOpticalFlow f = FarnebackOpticalFlow.create();
                f.setNumLevels(c.pyramidLayers());
                f.setPyrScale(c.pyramidScale());
                f.setWinSize(2 * c.regionRadius() + 1);
                f.setNumIters(c.warps());
                return f;
            }
            case CUDA_PYRLK: {
                int side = 2 * c.regionRadius() + 1;
                try (Size window = new Size(side, side)) {
                    // levels 0 .. maxLevel: pyramidLayers of them
                    return DensePyrLKOpticalFlow.create(window, c.pyramidLayers() - 1, c.warps(), false);
                }
            }
            default:
                throw new IllegalArgumentException(c.method().id() + " is not a CUDA flow method");
        }
    }

    FlowField estimate(RgbImage from, RgbImage to) {
        try (Mat a = OpenCvFlow.gray(from); Mat b = OpenCvFlow.gray(to); GpuMat ga = new GpuMat();
             GpuMat gb = new GpuMat(); GpuMat gflow = new GpuMat(); Mat out = new Mat()) {
            if (config.method() == FlowMethod.CUDA_BROX) {
                try (Mat fa = new Mat(); Mat fb = new Mat()) {
                    a.convertTo(fa, opencv_core.CV_32F, 1 / 255.0, 0);
                    b.convertTo(fb, opencv_core.CV_32F, 1 / 255.0, 0);
                    ga.upload(fa);
                    gb.upload(fb);
                }
            } else {
                ga.upload(a);
                gb.upload(b);
            }
            flow.calc(ga, gb, gflow);
            gflow.download(out);
            return OpenCvFlow.field(out, from.width(), from.height(), config.method());
        }
    }

    @Override
    public void close() {
        flow.close();
    }
}
