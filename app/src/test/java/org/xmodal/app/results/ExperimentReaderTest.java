package org.xmodal.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.experiment.ExperimentLayout;
import java.util.stream.Stream;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TinyExperiment;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.Cancellation;

class ExperimentReaderTest {
    @TempDir
    static Path tmp;
    private static TinyExperiment tiny;

    @BeforeAll
    static void writeExperiment() {
        tiny = TinyExperiment.write(tmp);
    }

    @Test
    void readsTheSummaryEveryClassAndTheRunsBehindEachArmAndSeed() throws Exception {
        Experiment e = ExperimentReader.read(tiny.folder(), new Cancellation());
        assertEquals(tiny.folder().toAbsolutePath().normalize(), e.folder());
        assertEquals(List.of("no-init", "transfer", "rgb", "rgb+transfer"), e.armNames());
        assertEquals(2, e.seeds());
        assertEquals(19, e.classes().size(), "the dataset's classes, those without test ground truth included");
        assertTrue(e.withoutTruth().contains("bathtub") && !e.withoutTruth().contains("chair"), e.withoutTruth()
                .toString());
        Experiment.ArmSeed noInit = e.armSeed("no-init", 1).orElseThrow();
        assertTrue(noInit.runs().get(0).getFileName().toString().endsWith("table1-no-init-s1"));
        assertEquals(0.25, noInit.result().orElseThrow().apPerClass().get("chair"), 1e-12);
        assertEquals(tiny.data().toString(), noInit.data());
        Experiment.ArmSeed fused = e.armSeed("rgb+transfer", 2).orElseThrow();
        assertTrue(fused.fused());
        assertEquals(2, fused.runs().size());
        assertTrue(fused.runs().get(0).getFileName().toString().endsWith("table1-rgb-s2"), "the weighted run first");
        assertTrue(fused.result().isPresent(), "results/fusion/rgb+transfer/seed-2/detection.json");
        assertTrue(e.hasReport());
        assertEquals(List.of(), e.notes());
    }

    @Test
    void theEnginesRunIndexSaysWhichRunIsWhichWhateverTheirNamesAndScores() throws Exception {
        Path copy = tmp.resolve("indexed");
        try (Stream<Path> files = Files.walk(tiny.folder())) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(tiny.folder().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        ExperimentLayout layout = new ExperimentLayout(copy);
        Map<String, String> byName = new HashMap<>();
        for (RunDirectory r : RunDirectory.list(layout.runs())) {
            byName.put(r.spec().name(), r.id());
        }
        // an index that (unlike the names) puts no-init's second run under seed 1 and its first under seed 2
        Map<String, List<List<String>>> arms = new LinkedHashMap<>();
        arms.put("no-init", List.of(List.of(byName.get("table1-no-init-s2")), List.of(byName.get("table1-no-init-s1"))));
        for (String arm : List.of("transfer", "rgb")) {
            arms.put(arm, List.of(List.of(byName.get("table1-" + arm + "-s1")), List.of(byName.get("table1-" + arm
                    + "-s2"))));
        }
        arms.put("rgb+transfer", List.of(List.of(byName.get("table1-rgb-s1"), byName.get("table1-transfer-s1")),
                List.of(byName.get("table1-rgb-s2"), byName.get("table1-transfer-s2"))));
        layout.writeRunIndex(new ExperimentLayout.RunIndex(List.of(1L, 2L), List.of("t", "t"), List.of("s", "s"),
                arms));
        Experiment e = ExperimentReader.read(copy, new Cancellation());
        assertTrue(e.armSeed("no-init", 1).orElseThrow().runs().get(0).getFileName().toString()
                .endsWith("table1-no-init-s2"), "the index, not the name or the mAP, decides");
        assertTrue(e.armSeed("rgb+transfer", 2).orElseThrow().runs().get(1).getFileName().toString()
                .endsWith("table1-transfer-s2"));
        assertEquals(List.of(), e.notes());
    }

    @Test
    void theResultsFolderOrTheSummaryItselfOpenTheSameExperiment() throws Exception {
        Path folder = tiny.folder().toAbsolutePath().normalize();
        assertEquals(folder, ExperimentReader.folderOf(tiny.folder().resolve("results")));
        assertEquals(folder, ExperimentReader.folderOf(tiny.folder().resolve("results").resolve("summary.json")));
    }

    @Test
    void aFolderWithoutSummarySaysWhatIsMissing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-an-experiment"));
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentReader.read(empty,
                new Cancellation()));
        assertTrue(e.problem().contains("results/summary.json"), e.problem());
        Path started = Files.createDirectories(tmp.resolve("started").resolve("results"));
        Files.writeString(started.resolve("preset.json"), "{}");
        BadInputException s = assertThrows(BadInputException.class, () -> ExperimentReader.read(started.getParent(),
                new Cancellation()));
        assertTrue(s.problem().contains("has not finished"), s.problem());
    }

    @Test
    void aSummaryInPercentOrNotJsonIsRejectedNamingTheFile() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("percent").resolve("results"));
        Files.writeString(bad.resolve("summary.json"), HandWrittenSummary.JSON.replace("0.35", "35.0"));
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentReader.read(bad.getParent(),
                new Cancellation()));
        assertEquals(bad.resolve("summary.json").toString(), e.location());
        assertTrue(e.problem().contains("rgb's AP of bed is 35.0, not a fraction"), e.problem());
        Files.writeString(bad.resolve("summary.json"), "{\"arms\": [1, 2]");
        BadInputException j = assertThrows(BadInputException.class, () -> ExperimentReader.read(bad.getParent(),
                new Cancellation()));
        assertTrue(j.problem().startsWith("is not an experiment's summary"), j.problem());
    }

    @Test
    void anExperimentWithOnlyItsSummaryStillHasItsTable() throws Exception {
        Path only = Files.createDirectories(tmp.resolve("only-summary").resolve("results"));
        Files.writeString(only.resolve("summary.json"), HandWrittenSummary.JSON);
        Experiment e = ExperimentReader.read(only.getParent(), new Cancellation());
        assertEquals(List.of("bed", "chair"), e.classes(), "without runs the classes come from the summary");
        assertFalse(e.armSeed("rgb", 1).orElseThrow().result().isPresent());
        assertTrue(e.notes().get(0).contains("runs"), e.notes().toString());
    }
}
