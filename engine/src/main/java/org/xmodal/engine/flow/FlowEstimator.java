package org.xmodal.engine.flow;

import boofcv.abst.flow.DenseOpticalFlow;
import boofcv.alg.flow.ConfigBroxWarping;
import boofcv.alg.tracker.klt.ConfigPKlt;
import boofcv.factory.flow.ConfigHornSchunckPyramid;
import boofcv.factory.flow.ConfigOpticalFlowBlockPyramid;
import boofcv.factory.flow.FactoryDenseOpticalFlow;
import boofcv.struct.flow.ImageFlow;
import boofcv.struct.image.GrayF32;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Dense optical flow between two RGB frames with BoofCV, OpenCV ({@link OpenCvFlow}) or OpenCV's CUDA module
 * ({@link OpenCvCudaFlow}; a CUDA method where it cannot run is refused at construction with
 * {@link OpenCvCuda#require}'s message). Frames are converted to luminance in [0, 255]; pixels the method cannot
 * estimate are marked unknown (Middlebury convention). Not thread-safe: the estimators keep pyramids between calls,
 * so keep one estimator per thread.
 */
public final class FlowEstimator {
    private final FlowConfig config;
    private final DenseOpticalFlow<GrayF32> flow;
    private final OpenCvFlow openCv;
    private final OpenCvCudaFlow cuda;

    /** @throws IllegalArgumentException for a CUDA method where it cannot run, saying what it needs */
    public FlowEstimator(FlowConfig config) {
        this.config = config;
        this.cuda = config.method().cuda() ? new OpenCvCudaFlow(config) : null;
        this.openCv = config.method().openCv() && cuda == null ? new OpenCvFlow(config) : null;
        this.flow = openCv == null && cuda == null ? create(config) : null;
    }

    public FlowConfig config() {
        return config;
    }

    public FlowField estimate(RgbImage from, RgbImage to) {
        if (from.width() != to.width() || from.height() != to.height()) {
            throw new IllegalArgumentException("frames differ in size: " + from.width() + "x" + from.height() + " and "
                    + to.width() + "x" + to.height());
        }
        if (cuda != null) {
            return cuda.estimate(from, to);
        }
        if (openCv != null) {
            return openCv.estimate(from, to);
        }
        GrayF32 a = luminance(from);
        GrayF32 b = luminance(to);
        ImageFlow out = new ImageFlow(from.width(), from.height());
        flow.process(a, b, out);
        int n = from.width() * from.height();
        float[] u = new float[n];
        float[] v = new float[n];
        for (int y = 0; y < from.height(); y++) {
            for (int x = 0; x < from.width(); x++) {
                ImageFlow.D d = out.unsafe_get(x, y);
                int i = y * from.width() + x;
                boolean known = d.isValid() && Float.isFinite(d.x) && Float.isFinite(d.y);
                u[i] = known ? d.x : 1e10f;
                v[i] = known ? d.y : 1e10f;
            }
        }
        return new FlowField(from.width(), from.height(), u, v);
    }

    static GrayF32 luminance(RgbImage img) {
        GrayF32 g = new GrayF32(img.width(), img.height());
        byte[] p = img.rgb();
        for (int i = 0; i < img.width() * img.height(); i++) {
            g.data[i] = 0.299f * (p[3 * i] & 0xFF) + 0.587f * (p[3 * i + 1] & 0xFF) + 0.114f * (p[3 * i + 2] & 0xFF);
        }
        return g;
    }

    private static DenseOpticalFlow<GrayF32> create(FlowConfig c) {
        switch (c.method()) {
            case BROX: {
                ConfigBroxWarping b = new ConfigBroxWarping((float) c.alpha(), (float) c.gamma());
                b.numOuter = c.warps();
                b.numInner = c.innerIterations();
                b.pyrScale = c.pyramidScale();
                b.pyrMaxLayers = c.pyramidLayers();
                return FactoryDenseOpticalFlow.broxWarping(b, GrayF32.class);
            }
            case HORN_SCHUNCK: {
                ConfigHornSchunckPyramid h = new ConfigHornSchunckPyramid((float) c.alpha(), c.innerIterations());
                h.numWarps = c.warps();
                h.pyrScale = c.pyramidScale();
                h.pyrMaxLayers = c.pyramidLayers();
                return FactoryDenseOpticalFlow.hornSchunckPyramid(h, GrayF32.class);
            }
            case KLT: {
                ConfigPKlt k = new ConfigPKlt();
                k.pyramidLevels = boofcv.struct.pyramid.ConfigDiscreteLevels.levels(c.pyramidLayers());
                return FactoryDenseOpticalFlow.flowKlt(k, c.regionRadius(), GrayF32.class, GrayF32.class);
            }
            case REGION: {
                ConfigOpticalFlowBlockPyramid r = new ConfigOpticalFlowBlockPyramid();
                r.regionRadius = c.regionRadius();
                r.pyramidScale = c.pyramidScale();
                r.maxPyramidLayers = c.pyramidLayers();
                return FactoryDenseOpticalFlow.region(r, GrayF32.class);
            }
            default:
                throw new IllegalArgumentException("unsupported flow method " + c.method());
        }
    }
}
