package org.xmodal.engine.flow;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_optflow;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_optflow.DualTVL1OpticalFlow;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.bytedeco.opencv.opencv_video.DenseOpticalFlow;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Dense optical flow with OpenCV (JavaCV's build, linux-x86_64 natives on the class path): DIS at its presets,
 * Farneback and dual TV-L1 on the frames' luminance (8-bit, the same weights as BoofCV's estimator). Every pixel gets
 * a flow vector (none is marked unknown). Not thread-safe: keep one per thread, as {@link FlowEstimator}.
 */
final class OpenCvFlow implements AutoCloseable {
    private final FlowConfig config;
    private final DenseOpticalFlow flow;

    OpenCvFlow(FlowConfig config) {
        this.config = config;
        this.flow = switch (config.method()) {
            case DIS_ULTRAFAST -> DISOpticalFlow.create(DISOpticalFlow.PRESET_ULTRAFAST);
            case DIS_FAST -> DISOpticalFlow.create(DISOpticalFlow.PRESET_FAST);
            case DIS_MEDIUM -> DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM);
            case TV_L1 -> tvl1(config);
            case FARNEBACK -> null; // a function, not an object, in OpenCV
            default -> throw new IllegalArgumentException(config.method().id() + " is not an OpenCV flow method");
        };
    }

    private static DenseOpticalFlow tvl1(FlowConfig c) {
        DualTVL1OpticalFlow t = opencv_optflow.createOptFlow_DualTVL1();
        t.setLambda(c.alpha());
        t.setWarpingsNumber(c.warps());
        t.setScalesNumber(c.pyramidLayers());
        t.setScaleStep(c.pyramidScale());
        return t;
    }

    FlowField estimate(RgbImage from, RgbImage to) {
        int w = from.width();
        int h = from.height();
        try (Mat a = gray(from); Mat b = gray(to); Mat out = new Mat()) {
            if (flow == null) {
                opencv_video.calcOpticalFlowFarneback(a, b, out, config.pyramidScale(), config.pyramidLayers(),
                        2 * config.regionRadius() + 1, config.warps(), 5, 1.1, 0);
            } else {
                flow.calc(a, b, out);
            }
            return field(out, w, h, config.method());
        }
    }

    /** OpenCV's {@code CV_32FC2} flow as a field, checked to be the frames' size. */
    static FlowField field(Mat out, int w, int h, FlowMethod method) {
        if (out.type() != opencv_core.CV_32FC2 || out.rows() != h || out.cols() != w || !out.isContinuous()) {
            throw new IllegalStateException("OpenCV's " + method.id() + " returned a " + out.cols() + "x"
                    + out.rows() + " flow of type " + out.type());
        }
        float[] uv = new float[2 * w * h];
        new FloatPointer(out.data()).get(uv);
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            u[i] = uv[2 * i];
            v[i] = uv[2 * i + 1];
        }
        return new FlowField(w, h, u, v);
    }

    /** The frame's luminance as an 8-bit single-channel image (0.299 R + 0.587 G + 0.114 B, rounded). */
    static Mat gray(RgbImage img) {
        int n = img.width() * img.height();
        byte[] p = img.rgb();
        byte[] g = new byte[n];
        for (int i = 0; i < n; i++) {
            g[i] = (byte) Math.round(0.299f * (p[3 * i] & 0xFF) + 0.587f * (p[3 * i + 1] & 0xFF)
                    + 0.114f * (p[3 * i + 2] & 0xFF));
        }
        Mat m = new Mat(img.height(), img.width(), opencv_core.CV_8UC1);
        new BytePointer(m.data()).put(g);
        return m;
    }

    @Override
    public void close() {
        if (flow != null) {
            flow.close();
        }
    }
}
