package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposalsCommandTest {
    @TempDir
    static Path tmp;

    private static Path rooms;

    @BeforeAll
    static void synthesiseRooms() {
        rooms = tmp.resolve("rooms");
        assertEquals(0, CliRun.of("synth", "--out", rooms.toString(), "--seed", "5", "--scenes", "4").exit());
    }

    @Test
    void printsRecallPerClassAndOverallThenTheTime() {
        CliRun r = CliRun.of("proposals", "--data", rooms.toString(), "--top", "10,100");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).startsWith("selective search, colour and depth: RGB k=300 CDSF"), r.out());
        assertTrue(lines.get(2).matches("recall@IoU0.5 +boxes +top10 +top100"), r.out());
        String all = lines.stream().filter(l -> l.startsWith("all ")).findFirst().orElseThrow();
        String[] f = all.trim().split(" +");
        double top10 = Double.parseDouble(f[2]);
        double top100 = Double.parseDouble(f[3]);
        assertTrue(top10 <= top100 && top100 > 0.5, all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("proposals/image: ")), r.out());
        assertTrue(lines.get(lines.size() - 1).matches("\\d+\\.\\d ms/image"), r.out());
    }

    @Test
    void colourOnlyLeavesDepthOut() {
        CliRun r = CliRun.of("proposals", "--data", rooms.toString(), "--colour-only", "--split", "train");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("selective search, colour only: RGB k=300 CSF, RGB k=1000 CSF"), r.out());
        assertTrue(!r.out().contains("HHA"), r.out());
    }

    @Test
    void badBudgetOrSplitIsOneLine() {
        CliRun budget = CliRun.of("proposals", "--data", rooms.toString(), "--top", "0");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, budget.exit());
        assertEquals("xmodal: proposal budgets must be at least 1, got 0", budget.err().strip());
        CliRun split = CliRun.of("proposals", "--data", rooms.toString(), "--split", "val");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, split.exit());
        assertEquals("xmodal: --split must be train, test or all, got val", split.err().strip());
    }
}
