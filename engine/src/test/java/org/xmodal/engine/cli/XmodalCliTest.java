package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md's command-line contract: a user's mistake is one line on stderr and a non-zero exit, never a trace. */
class XmodalCliTest {
    @TempDir
    Path tmp;

    @Test
    void missingInputFileIsOneLineNamingTheFile() {
        CliRun r = CliRun.of("hha", "--depth", tmp.resolve("nope.png").toString(), "--out",
                tmp.resolve("o.png").toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("nope.png: does not exist"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void unknownOptionSaysSoAndPointsToHelp() {
        CliRun r = CliRun.of("hha", "--depth", "d.png", "--out", "o.png", "--colour", "x");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("Unknown options: '--colour', 'x'"), r.err());
        assertTrue(r.err().contains("xmodal hha --help"), r.err());
    }

    @Test
    void corruptDepthIsNamedWithTheProblem() throws Exception {
        Path bad = tmp.resolve("depth.png");
        Files.writeString(bad, "garbage");
        CliRun r = CliRun.of("hha", "--depth", bad.toString(), "--out", tmp.resolve("o.png").toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("depth.png: is not an image"), r.err());
        assertFalse(Files.exists(tmp.resolve("o.png")), "nothing is written for bad input");
    }

    @Test
    void versionNamesEngineVersions() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("PyTorch 2.5.1"), "out: [" + r.out() + "] err: [" + r.err() + "]");
    }

    private Path spec(String device, String data, String architecture) throws Exception {
        Path f = tmp.resolve("spec-" + System.nanoTime() + ".json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"" + data + "\", \"student\": {\"architecture\": \""
                + architecture + "\"}, \"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64, \"device\": \""
                + device + "\"}");
        return f;
    }

    @Test
    void aSpecThatCannotRunHereIsRefusedBeforeARunFolderIsMade() throws Exception {
        Path runs = tmp.resolve("runs");
        Path data = Files.createDirectories(tmp.resolve("rooms"));
        CliRun gpu = CliRun.of("run", "--spec", spec("gpu:3", data.toString(), "alexnet-small").toString(), "--runs",
                runs.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, gpu.exit(), gpu.err());
        assertTrue(gpu.err().contains("device gpu:3 was asked for"), gpu.err());
        CliRun missing = CliRun.of("run", "--spec", spec("cpu", tmp.resolve("nowhere").toString(), "alexnet-small")
                .toString(), "--runs", runs.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, missing.exit(), missing.err());
        assertTrue(missing.err().contains("nowhere: does not exist (the spec's data)"), missing.err());
        CliRun unknown = CliRun.of("run", "--spec", spec("cpu", data.toString(), "alexnet-huge").toString(), "--runs",
                runs.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("student.architecture must be alexnet, alexnet-pad7, alexnet-small, vgg16, "
                + "resnet18, resnet18-small, resnet18-bottleneck or resnet50-bottleneck, not 'alexnet-huge'"), unknown.err());
        assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "no run folder was made");
    }

    @Test
    void anOutputPathThatIsAFolderIsOneLineAndTheFolderIsLeftAlone() throws Exception {
        Path depth = tmp.resolve("d.png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 24,
                java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                img.getRaster().setSample(x, y, 0, 1500 + 10 * x);
            }
        }
        javax.imageio.ImageIO.write(img, "png", depth.toFile());
        Path folder = Files.createDirectories(tmp.resolve("hha.png"));
        CliRun r = CliRun.of("hha", "--depth", depth.toString(), "--out", folder.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("hha.png: is a folder"), r.err());
        assertTrue(Files.isDirectory(folder));
    }
}
