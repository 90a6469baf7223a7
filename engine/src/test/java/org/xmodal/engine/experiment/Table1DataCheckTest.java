package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.cli.CliRun;
import org.xmodal.engine.cli.XmodalCli;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/** experiment table1 refuses a dataset it cannot use before it writes or trains anything. */
class Table1DataCheckTest {
    @TempDir
    Path tmp;

    private CliRun table1(Path data, Path out) {
        return CliRun.of("experiment", "table1", "--data", data.toString(), "--out", out.toString(), "--seeds", "1");
    }

    private Path synth(SynthConfig config) throws IOException {
        Path dir = tmp.resolve("data");
        SynthDatasetWriter.write(config.withSize(48, 36), dir, false, 1, ProgressListener.NONE, new Cancellation());
        return dir;
    }

    private CliRun assertRefusedUpFront(Path data, String problem) {
        Path out = tmp.resolve("exp");
        CliRun r = table1(data, out);
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertEquals("xmodal: " + data + ": " + problem, r.firstErrLine());
        assertFalse(Files.exists(out.resolve("runs")), "no run was started");
        assertFalse(Files.exists(out.resolve("data")), "the dataset was not extended");
        return r;
    }

    @Test
    void flowDatasetIsRefusedInsteadOfPaddedWithDepthScenes() throws IOException {
        Path flow = synth(SynthConfig.of(3, 1).withFlow(2, 3)).resolve("flow");
        assertRefusedUpFront(flow, "holds flow pairs, but Table 1 (preset cpu-demo) needs depth pairs");
    }

    @Test
    void datasetWithoutTestPairsIsRefused() throws IOException {
        Path data = synth(SynthConfig.of(3, 4).withFractions(0.5, 0));
        assertRefusedUpFront(data, "has no labelled test pair, so Table 1 (preset cpu-demo) has nothing to score "
                + "(give some pairs \"split\": \"test\" with annotations)");
    }

    @Test
    void datasetWithoutLabelledTrainPairsIsRefused() throws IOException {
        Path data = synth(SynthConfig.of(3, 6).withFractions(0, 0.5));
        CliRun r = assertRefusedUpFront(data, "has no labelled train pair, so Table 1 (preset cpu-demo) has nothing to "
                + "fine-tune on (mark some train pairs \"labelled\": true)");
        assertTrue(r.err().lines().count() == 1, r.err());
    }
}
