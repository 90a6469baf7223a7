package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.data.folder.FolderDatasetLoader;
import org.xmodal.engine.json.Json;

/** {@code xmodal dataset corrupt} and {@code xmodal synth --corrupt}: noisy pairs from the command line. */
class CorruptCommandsTest {
    @TempDir
    static Path shared;
    private static Path clean;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() {
        clean = shared.resolve("clean");
        CliRun r = CliRun.of("synth", "--out", clean.toString(), "--seed", "3", "--scenes", "16", "--size", "64x48",
                "--threads", "2");
        assertEquals(0, r.exit(), r.err());
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void datasetCorruptWritesTheNoisyCopyAndSaysHowManyOfEachKind() throws IOException {
        Path out = tmp.resolve("noisy");
        CliRun r = CliRun.of("dataset", "corrupt", "--data", clean.toString(), "--out", out.toString(),
                "--fraction", "0.5", "--seed", "4", "--kinds", "blank,swap");
        assertEquals(0, r.exit(), r.err());
        try (PairedDataset ds = FolderDatasetLoader.load(out)) {
            int train = ds.pairs(Split.TRAIN).size();
            long corrupted = ds.pairs().stream().filter(Pair::corrupted).count();
            assertEquals(Math.round(0.5 * train), corrupted);
            List<String> lines = r.outLines();
            assertEquals("corrupt: " + corrupted + " of " + train + " train pairs of " + clean + " corrupted into "
                    + out + " (seed 4)", lines.get(0));
            assertEquals(3, lines.size(), r.out());
            assertTrue(lines.get(1).matches("  blank: \\d+ pairs? \\(made flat mid-grey\\)"), lines.get(1));
            assertTrue(lines.get(2).startsWith("  swap: "), lines.get(2));
            long blank = ds.pairs().stream().filter(p -> p.corruption().map(c -> c.kind().id().equals("blank"))
                    .orElse(false)).count();
            assertTrue(lines.get(1).startsWith("  blank: " + blank + " pair"), lines.get(1));
        }
        // the plain check still works beside the subcommand, and counts the noisy pairs like any
        CliRun check = CliRun.of("dataset", out.toString());
        assertEquals(0, check.exit(), check.err());
    }

    @Test
    void badArgumentsAreOneLineOnStderr() throws IOException {
        Path out = tmp.resolve("x");
        CliRun r = CliRun.of("dataset", "corrupt", "--data", clean.toString(), "--out", out.toString(),
                "--fraction", "2");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertEquals("xmodal: --fraction must be between 0 and 1, got 2.0", r.err().strip());

        r = CliRun.of("dataset", "corrupt", "--data", clean.toString(), "--out", out.toString(), "--fraction",
                "0.5", "--kinds", "shift,smudge");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertEquals("xmodal: --kinds must be shift, neighbour, occlusion, blank or swap, not 'smudge'",
                r.err().strip());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = CliRun.of("dataset", "corrupt", "--data", empty.toString(), "--out", out.toString(), "--fraction", "0.5");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("xmodal: " + empty + ": is not a folder dataset"), r.err());

        r = CliRun.of("dataset", "corrupt", "--data", clean.toString(), "--out", clean.toString(), "--fraction",
                "0.5");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        r = CliRun.of("dataset", "corrupt", "--data", clean.toString(), "--out", out.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.firstErrLine().contains("--fraction"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void synthCorruptIsByteIdenticalForTheSameArgumentsAndRecordsTheCorruption() throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        for (Path dir : new Path[] {one, two}) {
            CliRun r = CliRun.of("synth", "--out", dir.toString(), "--seed", "3", "--scenes", "16", "--size", "64x48",
                    "--corrupt", "0.25", "--corruptions", "shift,occlusion");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.outLines().get(1).startsWith("corrupt: "), r.out());
            assertTrue(r.outLines().get(2).startsWith("  shift: "), r.out());
            assertTrue(r.outLines().get(3).startsWith("  occlusion: "), r.out());
        }
        Map<String, byte[]> a = files(one);
        Map<String, byte[]> b = files(two);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
        assertEquals(files(clean).keySet(), a.keySet(), "the same files as without --corrupt, no temporary left");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("one", "two"), siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode m = Json.MAPPER.readTree(one.resolve("dataset.json").toFile());
        assertTrue(m.at("/provenance/command").asText().endsWith(" --corrupt 0.25 --corruptions shift,occlusion"),
                m.at("/provenance/command").asText());
        assertEquals(3, m.at("/provenance/corruption/seed").asLong());
        try (PairedDataset noisy = FolderDatasetLoader.load(one); PairedDataset plain = FolderDatasetLoader.load(clean)) {
            assertEquals(Math.round(0.25 * plain.pairs(Split.TRAIN).size()),
                    noisy.pairs().stream().filter(Pair::corrupted).count());
            for (Pair p : noisy.pairs()) {
                if (!p.corrupted()) {
                    assertArrayEquals(Files.readAllBytes(plain.pair(p.id()).orElseThrow().files().rgb()),
                            Files.readAllBytes(p.files().rgb()), p.id() + ": same scene as without --corrupt");
                }
            }
        }
    }

    @Test
    void synthCorruptionsWithoutCorruptIsRefused() {
        CliRun r = CliRun.of("synth", "--out", tmp.resolve("x").toString(), "--scenes", "2", "--corruptions",
                "blank");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("xmodal: --corruptions only says which kinds --corrupt draws from"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        r = CliRun.of("synth", "--out", tmp.resolve("x").toString(), "--scenes", "2", "--corrupt", "-1");
        assertEquals("xmodal: --corrupt must be between 0 and 1, got -1.0", r.err().strip());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void synthHelpSaysALabelledFractionOfOneLabelsEveryTrainPair() {
        CliRun r = CliRun.of("synth", "--help");
        assertTrue(r.out().replaceAll("\\s+", " ").contains("1 labels every train pair"), r.out());
        assertTrue(r.out().contains("--corrupt"), r.out());
    }
}
