package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchTransferCommandTest {
    private record Run(int exit, List<String> out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = XmodalCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString().lines().toList(), err.toString());
    }

    @Test
    void lastLineIsTheFigureAndResidentMemoryIsPrintedAtTheStepsAskedFor() {
        Run r = run("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "2",
                "--threads", "1", "--report-rss-at", "1,4");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().get(r.out().size() - 1).matches("[0-9]+\\.[0-9]{2} images/s"), r.out().toString());
        assertTrue(r.out().get(0).startsWith("rss after 1 steps: "), r.out().toString());
        assertTrue(r.out().stream().anyMatch(l -> l.startsWith("rss after 4 steps: ")), r.out().toString());
        assertTrue(r.out().stream().anyMatch(l -> l.contains("alexnet-small batch=2 size=67 to pool5; 3 warm-up + 2 "
                + "timed steps")), r.out().toString());
    }

    @Test
    void thePeersLayersCanBeTimedInstead() {
        Run r = run("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--threads", "1", "--layers", "peer");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().stream().anyMatch(l -> l.contains("alexnet-small (peer layers) batch=2")), r.out().toString());
        Run bad = run("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--layers", "other");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--layers is paper or peer"), bad.err());
    }

    @Test
    void anInputTooSmallForTheNetworkIsOneLine() {
        Run r = run("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "20", "--steps", "1");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("too small"), r.err());
    }

    @Test
    void aPeerScriptIsTimedRoundByRoundBesideOursAndItsFailuresAreNamed(@TempDir Path dir) throws Exception {
        // stand-ins for shared/bench/torch_transfer_peer.py: the interpreter comes from the "#!" line
        Path peer = dir.resolve("peer.sh");
        Files.writeString(peer, "#!/bin/sh\necho \"torch 0 arch=$2\"\necho \"123.5 images/s\"\n");
        Run r = run("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--threads", "1", "--rounds", "3", "--peer", peer.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.out().stream().filter(l -> l.matches("round [123]: xmodal [0-9.]+ images/s, PyTorch "
                + "\\(peer.sh\\) 123.50 images/s")).count(), r.out().toString());
        assertTrue(r.out().stream().anyMatch(l -> l.matches("medians of 3 alternating rounds: xmodal [0-9.]+ "
                + "images/s, PyTorch 123.50 images/s \\([+-][0-9]+%\\)")), r.out().toString());
        assertTrue(r.out().get(r.out().size() - 1).matches("[0-9]+\\.[0-9]{2} images/s"), r.out().toString());

        Path failing = dir.resolve("failing.sh");
        Files.writeString(failing, "#!/bin/sh\necho \"No module named 'torch'\"\nexit 3\n");
        Run bad = run("bench", "transfer", "--arch", "alexnet-small", "--batch", "2", "--size", "67", "--steps", "1",
                "--threads", "1", "--peer", failing.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, bad.exit(), bad.err());
        assertTrue(bad.err().contains("failing.sh failed under /bin/sh (exit 3)") && bad.err().contains("torch"),
                bad.err());
        Run missing = run("bench", "transfer", "--arch", "alexnet-small", "--peer", dir.resolve("none.py").toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("none.py: no such file"), missing.err());
    }

    @Test
    void theMedianOfAnOddAndOfAnEvenNumberOfRounds() {
        assertEquals(3.0, BenchTransferCommand.median(new double[] {5, 1, 3}), 0);
        assertEquals(2.5, BenchTransferCommand.median(new double[] {4, 1, 3, 2}), 0);
    }
}
