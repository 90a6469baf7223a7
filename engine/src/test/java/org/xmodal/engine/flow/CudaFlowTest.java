package org.xmodal.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.DatasetEncoder;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * OpenCV's CUDA flow methods: refused, in one line saying what they need, where they cannot run (this project's CI
 * machines have no GPU), and accurate where they can (run only on a machine with an NVIDIA GPU and the -Pcuda build).
 */
class CudaFlowTest {
    private static final List<FlowMethod> CUDA = Arrays.stream(FlowMethod.values()).filter(FlowMethod::cuda).toList();

    /** Runs a test only where OpenCV counts a CUDA device; elsewhere skips it, saying what was found. */
    static final class CudaDevicePresent implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return OpenCvCuda.whyUnavailable()
                    .map(why -> ConditionEvaluationResult.disabled("needs " + OpenCvCuda.HOW + ": " + why))
                    .orElseGet(() -> ConditionEvaluationResult.enabled(OpenCvCuda.devices() + " CUDA devices"));
        }
    }

    private static String refusalHere() {
        assumeTrue(OpenCvCuda.whyUnavailable().isPresent(),
                () -> "OpenCV counts " + OpenCvCuda.devices() + " CUDA devices here: nothing is refused");
        return OpenCvCuda.whyUnavailable().orElseThrow();
    }

    @Test
    void theCudaMethodsAreGpuOnlyOpenCvMethodsNamedCudaDash() {
        assertEquals(List.of(FlowMethod.CUDA_BROX, FlowMethod.CUDA_TV_L1, FlowMethod.CUDA_FARNEBACK,
                FlowMethod.CUDA_PYRLK), CUDA);
        for (FlowMethod m : FlowMethod.values()) {
            assertEquals(m.cuda(), m.id().startsWith("cuda-"), m.id());
            assertTrue(!m.cuda() || m.openCv(), m.id());
            assertEquals(m, FlowMethod.parse(m.id()));
        }
    }

    /** Every CUDA method has its own defaults (OpenCV's) in the fingerprint, apart from its CPU namesake's. */
    @Test
    void cudaDefaultsAreOpenCvsAndFingerprintedApartFromTheCpuMethods() {
        FlowConfig brox = FlowConfig.defaults(FlowMethod.CUDA_BROX);
        assertEquals(List.of(0.197, 50.0, 0.8), List.of(brox.alpha(), brox.gamma(), brox.pyramidScale()));
        assertEquals(List.of(150, 5), List.of(brox.warps(), brox.innerIterations()));
        assertEquals(0.8, FlowConfig.defaults(FlowMethod.CUDA_TV_L1).pyramidScale());
        assertEquals(13, 2 * FlowConfig.defaults(FlowMethod.CUDA_FARNEBACK).regionRadius() + 1);
        assertEquals(4, FlowConfig.defaults(FlowMethod.CUDA_PYRLK).pyramidLayers());
        assertTrue(brox.fingerprint().contains(" cuda-brox a=0.1970 g=50.0000 w=150 in=5 ps=0.8000 "),
                brox.fingerprint());
        long distinct = Arrays.stream(FlowMethod.values()).map(m -> FlowConfig.defaults(m).fingerprint()).distinct()
                .count();
        assertEquals(FlowMethod.values().length, distinct);
    }

    @Test
    void eachCudaMethodIsRefusedAtOnceSayingWhatItNeedsAndWhatWasFound() {
        String why = refusalHere();
        assertEquals(0, OpenCvCuda.devices());
        // the probe agrees with the Maven profile the engine was built with (build.properties' native flavour)
        if (BuildInfo.get().nativeFlavour().equals("cpu")) {
            assertEquals("this build has OpenCV's CPU natives, without CUDA (it was built without -Pcuda)", why);
        } else {
            assertTrue(why.startsWith("OpenCV's CUDA build "), why);
        }
        for (FlowMethod m : CUDA) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FlowEstimator(FlowConfig.defaults(m)));
            assertEquals("flow method " + m.id() + " needs OpenCV's CUDA build and an NVIDIA GPU (build with mvn "
                    + "-Pcuda package, and run where NVIDIA's driver sees a GPU): " + why, e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(OpenCvCuda.available(m), m.id());
        }
        List<FlowMethod> cpu = Arrays.stream(FlowMethod.values()).filter(m -> !m.cuda()).toList();
        assertEquals(cpu, OpenCvCuda.availableMethods());
        assertTrue(OpenCvCuda.whyUnavailable(FlowMethod.DIS_FAST).isEmpty());
    }

    /** The encode path (runs, fine-tuning, encode) refuses before any pair is touched, not pair by pair. */
    @Test
    void encodingFramePairsWithACudaMethodIsRefusedBeforeAnyPair(@TempDir Path tmp) throws Exception {
        String why = refusalHere();
        Path sample = Path.of(System.getProperty("xmodal.root", ".."), "sample-data/synth-rgbd/flow");
        Encoding cuda = Encoding.defaults().withFlow(Encoding.Flow.defaults(FlowMethod.CUDA_TV_L1));
        EncodingCache cache = new EncodingCache(tmp.resolve("cache"));
        try (PairedDataset ds = DatasetLoaders.open(sample)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PairEncoding.of(cuda, ds, cache));
            assertTrue(e.getMessage().startsWith("flow method cuda-tv-l1 needs ") && e.getMessage().endsWith(why),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new DatasetEncoder(cache).encodeAll(ds, cuda,
                    ProgressListener.NONE, Cancellation.NEVER));
            // the same dataset with a CPU method is encodable: the refusal is the method's
            assertEquals("flow (dis-fast)", PairEncoding.of(Encoding.forNewRuns(), ds, cache).label());
        }
    }

    /** On a GPU: the CUDA Brox recovers the moved texture of {@link FlowTest}; the others follow the motion. */
    @Test
    @Tag("gpu")
    @ExtendWith(CudaDevicePresent.class)
    void cudaMethodsRecoverASubPixelTranslationOfATexture() {
        int w = 96;
        int h = 72;
        RgbImage a = FlowTest.texture(w, h, 0, 0);
        RgbImage b = FlowTest.texture(w, h, 1.6, -0.8);
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        Arrays.fill(u, 1.6f);
        Arrays.fill(v, -0.8f);
        FlowField truth = FlowTest.crop(new FlowField(w, h, u, v), 8);
        for (FlowMethod m : CUDA) {
            FlowField est = new FlowEstimator(FlowConfig.defaults(m)).estimate(a, b);
            double epe = EndPointError.average(FlowTest.crop(est, 8), truth);
            // Brox: the bound asked of it; the others: well under the 1.79 px that no motion at all would score
            double bound = m == FlowMethod.CUDA_BROX ? 0.5 : 1.0;
            assertTrue(epe < bound, m.id() + ": end-point error " + epe);
        }
    }
}
