package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
