package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.flow.OpenCvCuda;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** Where OpenCV's CUDA flow cannot run, each command that takes a flow method refuses a CUDA one in one line. */
class CudaFlowCommandsTest {
    @TempDir
    Path tmp;

    private static String refusal(String method) {
        assumeTrue(OpenCvCuda.whyUnavailable().isPresent(),
                () -> "OpenCV counts " + OpenCvCuda.devices() + " CUDA devices here: nothing is refused");
        return "xmodal: flow method " + method + " needs " + OpenCvCuda.HOW + ": "
                + OpenCvCuda.whyUnavailable().orElseThrow();
    }

    private static void assertRefused(CliRun r, String expected) {
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(expected, lines.get(lines.size() - 1), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void benchFlowRefusesACudaHeadlineBeforeMeasuringAnything() {
        CliRun r = CliRun.of("bench", "flow", "--method", "cuda-brox", "--only");
        assertRefused(r, refusal("cuda-brox"));
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void encodeAndFlowRefuseACudaMethod() throws Exception {
        Path sample = Path.of(System.getProperty("xmodal.root", ".."), "sample-data/synth-rgbd/flow");
        CliRun encode = CliRun.of("encode", "--data", sample.toString(), "--method", "cuda-farneback", "--cache",
                tmp.resolve("cache").toString());
        assertRefused(encode, refusal("cuda-farneback"));
        assertEquals("", encode.out());
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        ImageFiles.writeRgb(RgbImage.blank(16, 12), a);
        ImageFiles.writeRgb(RgbImage.blank(16, 12), b);
        Path flo = tmp.resolve("f.flo");
        CliRun flow = CliRun.of("flow", "--from", a.toString(), "--to", b.toString(), "--method", "cuda-pyrlk",
                "--out-flo", flo.toString());
        assertRefused(flow, refusal("cuda-pyrlk"));
        assertEquals(1, flow.err().lines().count(), flow.err());
        assertFalse(Files.exists(flo));
    }
}
