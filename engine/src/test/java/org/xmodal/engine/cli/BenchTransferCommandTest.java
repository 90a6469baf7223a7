package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTransferCommandTest {
    @Test
    void lastLineIsTheFigureAndResidentMemoryIsPrintedAtTheStepsAskedFor() {
        CliRun r = CliRun.of("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "2",
                "--threads", "1", "--report-rss-at", "1,4");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.outLines().get(r.outLines().size() - 1).matches("[0-9]+\\.[0-9]{2} images/s"), r.out());
        assertTrue(r.outLines().get(0).startsWith("rss after 1 steps: "), r.out());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("rss after 4 steps: ")), r.out());
        assertTrue(r.outLines().stream().anyMatch(l -> l.contains("alexnet-small batch=2 size=67 to pool5; 3 warm-up + 2 "
                + "timed steps")), r.out());
    }

    @Test
    void thePeersLayersCanBeTimedInstead() {
        CliRun r = CliRun.of("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--threads", "1", "--layers", "peer");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.outLines().stream().anyMatch(l -> l.contains("alexnet-small (peer layers) batch=2")), r.out());
        CliRun bad = CliRun.of("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--layers", "other");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--layers is paper or peer"), bad.err());
    }

    @Test
    void anInputTooSmallForTheNetworkIsOneLine() {
        CliRun r = CliRun.of("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "20", "--steps", "1");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("too small"), r.err());
    }

    @Test
    void aPeerScriptIsTimedRoundByRoundBesideOursAndItsFailuresAreNamed(@TempDir Path dir) throws Exception {
        // stand-ins for shared/bench/torch_transfer_peer.py: the interpreter comes from the "#!" line
        Path peer = dir.resolve("peer.sh");
        Files.writeString(peer, "#!/bin/sh\necho \"torch 0 arch=$2\"\necho \"123.5 images/s\"\n");
        CliRun r = CliRun.of("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--threads", "1", "--rounds", "3", "--peer", peer.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.outLines().stream().filter(l -> l.matches("round [123]: xmodal [0-9.]+ images/s, PyTorch "
                + "\\(peer.sh\\) 123.50 images/s")).count(), r.out());
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("medians of 3 alternating rounds: xmodal [0-9.]+ "
                + "images/s, PyTorch 123.50 images/s \\([+-][0-9]+%\\)")), r.out());
        assertTrue(r.outLines().get(r.outLines().size() - 1).matches("[0-9]+\\.[0-9]{2} images/s"), r.out());

        Path failing = dir.resolve("failing.sh");
        Files.writeString(failing, "#!/bin/sh\necho \"No module named 'torch'\"\nexit 3\n");
        CliRun bad = CliRun.of("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--threads", "1", "--peer", failing.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, bad.exit(), bad.err());
        assertTrue(bad.err().contains("failing.sh failed under /bin/sh (exit 3)") && bad.err().contains("torch"),
                bad.err());
        CliRun missing = CliRun.of("bench", "transfer", "--arch", "alexnet-small", "--peer", dir.resolve("none.py").toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("none.py: no such file"), missing.err());
    }

    @Test
    void theMedianOfAnOddAndOfAnEvenNumberOfRounds() {
        assertEquals(3.0, BenchTransferCommand.median(new double[] {5, 1, 3}), 0);
        assertEquals(2.5, BenchTransferCommand.median(new double[] {4, 1, 3, 2}), 0);
    }
}
