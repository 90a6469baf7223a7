package org.xmodal.app;

import org.xmodal.engine.run.FinetuneInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.eval.DetectionEvaluation;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.experiment.Table1Arm;
import org.xmodal.engine.experiment.Table1Preset;
import org.xmodal.engine.experiment.Table1Results;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.finetune.FinetuneResults;
import org.xmodal.engine.finetune.RegionScores;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.viz.report.Table1HtmlReport;

/**
 * A tiny Table 1 experiment folder laid out as {@code ./xmodal experiment table1} writes one, for the Results view's
 * tests, made in a second from hand-chosen scores instead of trained networks: a tiny synthetic dataset (two labelled
 * test pairs), runs of the arms no-init, transfer and rgb for two seeds (spec.json, results/scores.f32 and
 * scores.json written by the engine's {@link RegionScores}, detection.json evaluated by the engine), the late fusion
 * rgb+transfer, summary.json, and report.html.
 *
 * <p>The scores are chosen so that the answer for chairs is known by hand. Every scored box has logit {@link
 * #TRUTH_LOGIT} for its own class and 0 elsewhere. The no-init runs score every ground-truth box but {@link #missed}
 * (the second chair of the first test pair), plus a box in a corner of each test pair that looks like a chair:
 * {@link #plantedFirst} with chair logit 6 (seed 1) or 2 (seed 2), {@link #plantedSecond} with chair logit 3 or 1.
 * With 20 columns (background + 19 classes) a box's chair probability is e^l / (e^l + 19), so for seed 1 the chair
 * ranking is: planted (0.955, false positive), the first chair (0.742, hit), planted (0.514, false positive), then
 * other objects' boxes at 0.014; the second chair is missed, and chair AP is 1/2 x 1/2 = 0.25. For seed 2 the first
 * chair ranks first and chair AP is 0.5. The transfer and rgb runs score every ground-truth box and the two corner
 * boxes at 0 (AP 1 for every class).
 */
public record TinyExperiment(Path folder, Path data, Box missed, Box plantedFirst, Box plantedSecond,
                             String firstTestPair, String secondTestPair) {
    public static final double TRUTH_LOGIT = 4;

    /** Writes the experiment into {@code home/experiment}, its dataset into {@code home/rooms}. */
    public static TinyExperiment write(Path home) {
        try {
            return make(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TinyExperiment make(Path home) throws IOException {
        Path data = TestData.tinySynth(home.resolve("rooms"), 12, 0);
        Path folder = home.resolve("experiment");
        List<String> classes;
        Map<String, List<ObjectAnnotation>> truth = new LinkedHashMap<>();
        try (PairedDataset ds = DatasetLoaders.open(data)) {
            classes = ds.classes();
            for (Pair p : ds.labelled(Split.TEST)) {
                truth.put(p.id(), p.annotation().objects());
            }
        }
        List<String> ids = new ArrayList<>(truth.keySet());
        List<Box> chairs = truth.get(ids.get(0)).stream().filter(o -> o.className().equals("chair"))
                .map(ObjectAnnotation::box).toList();
        if (ids.size() != 2 || chairs.size() != 2) {
            throw new IllegalStateException("the tiny dataset changed: expected two test pairs, the first with two "
                    + "chairs, got " + truth);
        }
        Box missed = chairs.get(1);
        Box first = new Box(0, 0, 5, 5);
        Box second = new Box(58, 40, 63, 47);
        List<String> columns = new ArrayList<>();
        columns.add(RegionScores.BACKGROUND);
        columns.addAll(classes);

        Map<String, List<DetectionResult>> perSeed = new LinkedHashMap<>();
        Map<String, List<String>> runIds = new LinkedHashMap<>();
        Map<String, List<RegionScores>> scoresOf = new LinkedHashMap<>();
        for (int seed = 1; seed <= 2; seed++) {
            double firstLogit = seed == 1 ? 6 : 2;
            double secondLogit = seed == 1 ? 3 : 1;
            RegionScores noInit = scores(columns, truth, o -> o.box().equals(missed) && o.className().equals("chair"),
                    Map.of(ids.get(0), new Planted(first, firstLogit), ids.get(1), new Planted(second, secondLogit)),
                    TRUTH_LOGIT);
            Map<String, Planted> plain = Map.of(ids.get(0), new Planted(first, 0), ids.get(1), new Planted(second, 0));
            RegionScores transfer = scores(columns, truth, o -> false, plain, TRUTH_LOGIT);
            RegionScores rgb = scores(columns, truth, o -> false, plain, 3);
            for (Map.Entry<String, RegionScores> e : Map.of("no-init", noInit, "transfer", transfer, "rgb", rgb)
                    .entrySet()) {
                scoresOf.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        for (String arm : List.of("no-init", "transfer", "rgb")) {
            Table1Arm def = Table1Results.arm(arm);
            for (int seed = 1; seed <= 2; seed++) {
                RunSpec.Finetune f = Table1Preset.cpuDemo().finetune().finetune();
                RunSpec spec = Table1Preset.cpuDemo().finetune().withData(data.toString()).withSeed(seed)
                        .withName("table1-" + arm + "-s" + seed).withFinetune(new RunSpec.Finetune(
                                FinetuneInput.parse(def.input()), "random", def.freezeUpTo(), f.task(),
                                f.proposals(), f.foreground()));
                RunDirectory run = RunDirectory.create(folder.resolve("runs"), spec);
                RegionScores scores = scoresOf.get(arm).get(seed - 1);
                scores.write(run.results());
                DetectionResult result = DetectionEvaluation.evaluate(scores.detections(), truth, classes);
                FinetuneResults.write(run.results(), result);
                run.append(RunEvent.of(RunEvent.FINISHED, spec.iterations()));
                perSeed.computeIfAbsent(arm, k -> new ArrayList<>()).add(result);
                runIds.computeIfAbsent(arm, k -> new ArrayList<>()).add(run.id());
            }
        }
        for (int seed = 1; seed <= 2; seed++) {
            RegionScores fused = RegionScores.average(scoresOf.get("rgb").get(seed - 1),
                    scoresOf.get("transfer").get(seed - 1), Table1Arm.FUSION_WEIGHT);
            DetectionResult result = DetectionEvaluation.evaluate(fused.detections(), truth, classes);
            FinetuneResults.write(folder.resolve("results").resolve("fusion").resolve("rgb+transfer")
                    .resolve("seed-" + seed), result);
            perSeed.computeIfAbsent("rgb+transfer", k -> new ArrayList<>()).add(result);
            runIds.computeIfAbsent("rgb+transfer", k -> new ArrayList<>()).add(runIds.get("rgb").get(seed - 1)
                    + " + " + runIds.get("transfer").get(seed - 1));
        }
        List<String> withoutTruth = classes.stream().filter(c -> perSeed.get("no-init").get(0).apPerClass().get(c)
                .isNaN()).toList();
        ExperimentSummary summary = Table1Results.summarise(perSeed, classes, "detection", data.toString(), "cpu-demo");
        Path results = folder.resolve("results");
        Files.createDirectories(results);
        summary.write(results.resolve("summary.json"));
        new Table1HtmlReport().write(new Table1Results(summary, classes, List.of(1L, 2L), perSeed, runIds,
                withoutTruth, List.of("made by the tests from hand-chosen scores")), results);
        return new TinyExperiment(folder, data, missed, first, second, ids.get(0), ids.get(1));
    }

    private record Planted(Box box, double chairLogit) {
    }

    /**
     * Each test pair's ground-truth boxes (but those {@code left} out) with {@code truthLogit} for their class, then
     * the planted box with its chair logit.
     */
    private static RegionScores scores(List<String> columns, Map<String, List<ObjectAnnotation>> truth,
                                       Function<ObjectAnnotation, Boolean> left, Map<String, Planted> planted,
                                       double truthLogit) {
        List<RegionScores.ImageBoxes> images = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        truth.forEach((id, objects) -> {
            List<Box> boxes = new ArrayList<>();
            for (ObjectAnnotation o : objects) {
                if (!left.apply(o)) {
                    boxes.add(o.box());
                    float[] row = new float[columns.size()];
                    row[columns.indexOf(o.className())] = (float) truthLogit;
                    rows.add(row);
                }
            }
            Planted p = planted.get(id);
            boxes.add(p.box());
            float[] row = new float[columns.size()];
            row[columns.indexOf("chair")] = (float) p.chairLogit();
            rows.add(row);
            images.add(new RegionScores.ImageBoxes(id, boxes));
        });
        float[] scores = new float[rows.size() * columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, scores, i * columns.size(), columns.size());
        }
        return new RegionScores(columns, images, scores);
    }
}
