package org.xmodal.app.results;

import org.xmodal.engine.eval.SceneAccuracy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.experiment.Table1Arm;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.finetune.FinetuneResults;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.task.Cancellation;

/**
 * Reads an experiment's folder as the engine lays it out ({@link ExperimentLayout}), whichever experiment wrote it:
 * the summary (which must be there and sound), each arm and seed's runs as the engine's run index names them, with
 * their {@code results/detection.json} (Table 1) or {@code results/accuracy.json} (SOCKET), and Table 1's fused
 * arms' evaluations. An experiment written before the engine kept a run index has its runs matched by name
 * ({@code <experiment>-<arm>-s<seed>}), and where an arm and seed has several (started again with other settings),
 * by the summary's value of the main metric.
 */
public final class ExperimentReader {
    static final String SUMMARY = ExperimentLayout.SUMMARY;

    /**
     * A run of an arm and seed and what it stored.
     *
     * @param result   its detection.json (Table 1's runs)
     * @param accuracy its accuracy.json (SOCKET's runs)
     */
    private record RunInfo(Path dir, String data, Optional<DetectionResult> result,
                           Optional<SceneAccuracy> accuracy) {
        /** The run's value of the experiment's main metric (mAP, accuracy), when it stored one. */
        Optional<Double> score() {
            return result.isPresent() ? result.map(DetectionResult::mAP) : accuracy.map(SceneAccuracy::accuracy);
        }
    }

    private ExperimentReader() {
    }

    /**
     * @param chosen the experiment's folder, its {@code results/} folder, or its {@code summary.json}
     */
    public static Experiment read(Path chosen, Cancellation cancel) throws IOException {
        ExperimentLayout layout = ExperimentLayout.find(chosen);
        Path folder = layout.folder();
        ExperimentSummary summary = readSummary(layout.summary());
        int seeds = summary.arms().values().stream().mapToInt(a -> a.score().seeds().size()).max().orElse(0);
        List<String> notes = new ArrayList<>();
        Optional<ExperimentLayout.RunIndex> index = layout.readRunIndex();
        boolean detection = ExperimentSummary.MAP.equals(summary.metric());
        Map<String, List<RunInfo>> runs = index.isPresent() ? indexedRuns(layout, index.get(), detection, notes, cancel)
                : listRuns(layout.runs(), summary, notes, cancel);

        Map<String, List<Experiment.ArmSeed>> arms = new LinkedHashMap<>();
        Map<String, RunInfo> chosenRuns = new LinkedHashMap<>();
        for (Map.Entry<String, ExperimentSummary.Arm> e : summary.arms().entrySet()) {
            String arm = e.getKey();
            Optional<Table1Arm> def = Table1Arm.ALL.stream().filter(a -> a.name().equals(arm)).findFirst();
            if (def.isPresent() && def.get().isFusion()) {
                continue; // after the trained arms it fuses
            }
            List<Experiment.ArmSeed> perSeed = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                List<Double> maps = e.getValue().score().seeds();
                Double expected = seed <= maps.size() ? maps.get(seed - 1) : null;
                List<RunInfo> candidates = runs.getOrDefault(key(arm, seed), List.of());
                Optional<RunInfo> run = index.isPresent() ? candidates.stream().findFirst()
                        : choose(arm, seed, candidates, expected, summary.metric(), notes);
                if (!detection && index.isPresent() && run.isPresent() && expected != null) {
                    checkScore(arm, seed, run.get(), expected, summary.metric(), notes);
                }
                String k = key(arm, seed);
                run.ifPresent(r -> chosenRuns.put(k, r));
                perSeed.add(new Experiment.ArmSeed(arm, seed, run.flatMap(RunInfo::result),
                        run.flatMap(RunInfo::accuracy), run.map(r -> List.of(r.dir())).orElse(List.of()),
                        run.map(RunInfo::data).orElse(null), false));
            }
            arms.put(arm, perSeed);
        }
        for (String arm : summary.arms().keySet()) {
            Optional<Table1Arm> def = Table1Arm.ALL.stream().filter(a -> a.name().equals(arm)).findFirst();
            if (def.isEmpty() || !def.get().isFusion()) {
                continue;
            }
            List<Experiment.ArmSeed> perSeed = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                Path file = layout.fusion(arm, seed).resolve(FinetuneResults.DETECTION_FILE);
                Optional<DetectionResult> result = readResult(file, notes);
                RunInfo a = chosenRuns.get(key(def.get().fused().get(0), seed));
                RunInfo b = chosenRuns.get(key(def.get().fused().get(1), seed));
                List<Path> members = a != null && b != null ? List.of(a.dir(), b.dir()) : List.of();
                perSeed.add(new Experiment.ArmSeed(arm, seed, result, members, a == null ? null : a.data(), true));
            }
            arms.put(arm, perSeed);
        }
        // the summary's order
        Map<String, List<Experiment.ArmSeed>> ordered = new LinkedHashMap<>();
        summary.arms().keySet().forEach(a -> ordered.put(a, arms.get(a)));

        Set<String> classes = new LinkedHashSet<>();
        ordered.values().stream().flatMap(List::stream).map(Experiment.ArmSeed::result).flatMap(Optional::stream)
                .findFirst().ifPresent(r -> classes.addAll(r.apPerClass().keySet()));
        // a run's accuracy.json lists the classes of its test images in the dataset's order
        ordered.values().stream().flatMap(List::stream).map(Experiment.ArmSeed::accuracy).flatMap(Optional::stream)
                .filter(a -> a.perClass() != null).forEach(a -> classes.addAll(a.perClass().keySet()));
        summary.arms().values().forEach(a -> classes.addAll(a.perClass().keySet()));
        List<String> withoutTruth = classes.stream().filter(c -> summary.arms().values().stream()
                .noneMatch(a -> a.perClass().containsKey(c))).toList();
        return new Experiment(folder, summary, new ArrayList<>(classes), withoutTruth, seeds, ordered, notes,
                Files.isRegularFile(layout.report()));
    }

    static Path folderOf(Path chosen) throws BadInputException {
        return ExperimentLayout.find(chosen).folder();
    }

    static ExperimentSummary readSummary(Path file) throws IOException {
        ExperimentSummary s;
        try {
            s = Json.MAPPER.readValue(file.toFile(), ExperimentSummary.class);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            throw new BadInputException(file, "is not an experiment's summary (" + (why == null ? e.getClass()
                    .getSimpleName() : why.lines().findFirst().orElse(why)) + ")");
        }
        if (s == null || s.arms() == null || s.arms().isEmpty()) {
            throw new BadInputException(file, "lists no arms");
        }
        for (Map.Entry<String, ExperimentSummary.Arm> e : s.arms().entrySet()) {
            ExperimentSummary.Arm a = e.getValue();
            if (a == null || a.score() == null || a.score().seeds().isEmpty()) {
                throw new BadInputException(file, "arm " + e.getKey() + " has no per-seed " + s.metric());
            }
            checkFraction(file, e.getKey() + "'s " + s.metric(), a.score().mean());
            for (double v : a.score().seeds()) {
                checkFraction(file, e.getKey() + "'s " + s.metric() + " of a seed", v);
            }
            for (Map.Entry<String, ExperimentSummary.Stats> c : a.perClass().entrySet()) {
                if (c.getValue() == null) {
                    throw new BadInputException(file, "arm " + e.getKey() + " has no value for " + c.getKey());
                }
                checkFraction(file, e.getKey() + "'s " + (ExperimentSummary.MAP.equals(s.metric()) ? "AP"
                        : s.metric()) + " of " + c.getKey(), c.getValue().mean());
            }
        }
        return s;
    }

    private static void checkFraction(Path file, String what, double v) throws BadInputException {
        if (!(v >= 0 && v <= 1)) {
            throw new BadInputException(file, String.format(Locale.ROOT, "%s is %s, not a fraction in [0, 1] "
                    + "(summary.json holds its metrics as fractions)", what, v));
        }
    }

    /** The runs the engine's index names for each trained arm and seed (fused arms are read from their own files). */
    private static Map<String, List<RunInfo>> indexedRuns(ExperimentLayout layout, ExperimentLayout.RunIndex index,
                                                          boolean detection, List<String> notes, Cancellation cancel)
            throws IOException {
        Map<String, List<RunInfo>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<String>>> e : index.arms().entrySet()) {
            for (int i = 0; i < e.getValue().size() && i < index.seeds().size(); i++) {
                List<String> ids = e.getValue().get(i);
                if (ids.size() != 1) {
                    continue; // a late fusion: its members are the trained arms' runs
                }
                cancel.check();
                Path dir = layout.run(ids.get(0));
                String which = " (" + e.getKey() + ", seed " + index.seeds().get(i) + ")";
                if (!Files.isRegularFile(dir.resolve(RunDirectory.SPEC))) {
                    notes.add(dir + which + " is missing: " + (detection ? "its PR curves and mistakes cannot be "
                            + "shown" : "its per-class values of that seed cannot be shown"));
                    continue;
                }
                JsonNode spec;
                try {
                    spec = Json.MAPPER.readTree(dir.resolve(RunDirectory.SPEC).toFile());
                } catch (JsonProcessingException x) {
                    notes.add(dir.resolve(RunDirectory.SPEC) + which + " is not JSON; that run is left out");
                    continue;
                }
                String data = spec.path("data").isTextual() ? spec.path("data").asText() : null;
                Path results = dir.resolve("results");
                out.computeIfAbsent(key(e.getKey(), index.seeds().get(i).intValue()), k -> new ArrayList<>())
                        .add(detection ? new RunInfo(dir, data, readResult(results.resolve(FinetuneResults
                                .DETECTION_FILE), notes), Optional.empty())
                                : new RunInfo(dir, data, Optional.empty(), readAccuracy(results.resolve(SceneAccuracy
                                .FILE), which, notes)));
            }
        }
        return out;
    }

    /** The experiment's runs by arm and seed, newest first, found by their names: {@code <experiment>-<arm>-s<seed>}. */
    private static Map<String, List<RunInfo>> listRuns(Path runs, ExperimentSummary summary, List<String> notes,
                                                       Cancellation cancel) throws IOException {
        Map<String, List<RunInfo>> out = new LinkedHashMap<>();
        boolean detection = ExperimentSummary.MAP.equals(summary.metric());
        if (!Files.isDirectory(runs)) {
            notes.add(runs + " is missing: " + (detection ? "the PR curves and the mistakes of each run cannot be "
                    + "shown" : "the runs of each arm and seed and their per-class values cannot be shown"));
            return out;
        }
        Pattern runName = Pattern.compile(Pattern.quote(summary.experiment()) + "-(.+)-s(\\d+)");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve(RunDirectory.SPEC)))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
        }
        for (Path dir : dirs) {
            cancel.check();
            JsonNode spec;
            try {
                spec = Json.MAPPER.readTree(dir.resolve(RunDirectory.SPEC).toFile());
            } catch (JsonProcessingException e) {
                notes.add(dir.resolve(RunDirectory.SPEC) + " is not JSON; that run is left out");
                continue;
            }
            Matcher m = runName.matcher(spec.path("name").asText(""));
            if (!m.matches()) {
                continue; // the teacher, the transfer, the source model
            }
            String data = spec.path("data").isTextual() ? spec.path("data").asText() : null;
            Path results = dir.resolve("results");
            String which = " (" + m.group(1) + ", seed " + m.group(2) + ")";
            out.computeIfAbsent(key(m.group(1), Integer.parseInt(m.group(2))), k -> new ArrayList<>())
                    .add(detection ? new RunInfo(dir, data, readResult(results.resolve(FinetuneResults
                            .DETECTION_FILE), notes), Optional.empty())
                            : new RunInfo(dir, data, Optional.empty(), readAccuracy(results.resolve(SceneAccuracy
                            .FILE), which, notes)));
        }
        return out;
    }

    private static Optional<DetectionResult> readResult(Path file, List<String> notes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), DetectionResult.class));
        } catch (JsonProcessingException e) {
            notes.add(file + " is not a detection result; left out");
            return Optional.empty();
        }
    }

    /**
     * A run's {@code results/accuracy.json}: empty, with a note naming the file, when it is missing (the run has not
     * finished) or is not an accuracy.
     */
    private static Optional<SceneAccuracy> readAccuracy(Path file, String which, List<String> notes)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            notes.add(file + which + " is missing: that run has not finished, so its per-class values are not shown");
            return Optional.empty();
        }
        SceneAccuracy a;
        try {
            a = Json.MAPPER.readValue(file.toFile(), SceneAccuracy.class);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            notes.add(file + which + " is not a run's accuracy (" + (why == null ? e.getClass().getSimpleName()
                    : why.lines().findFirst().orElse(why)) + "); left out");
            return Optional.empty();
        }
        if (a == null || !(a.accuracy() >= 0 && a.accuracy() <= 1)) {
            notes.add(file + which + " holds accuracy " + (a == null ? "null" : a.accuracy()) + ", not a fraction in "
                    + "[0, 1]; left out");
            return Optional.empty();
        }
        return Optional.of(a);
    }

    /**
     * A note when the run the index names stored another value than the summary's for its seed (SOCKET's runs; Table
     * 1's index is trusted as it is).
     */
    private static void checkScore(String arm, int seed, RunInfo run, double expected, String metric,
                                   List<String> notes) {
        run.score().filter(v -> Math.abs(v - expected) > 1e-9).ifPresent(v -> notes.add(String.format(Locale.ROOT,
                "%s, seed %d: %s holds %s %.1f%% but summary.json %.1f%%", arm, seed, run.dir().getFileName(), metric,
                100 * v, 100 * expected)));
    }

    /** The run of an arm and seed whose score is the summary's; else the newest finished one, with a note. */
    private static Optional<RunInfo> choose(String arm, int seed, List<RunInfo> candidates, Double expected,
                                            String metric, List<String> notes) {
        List<RunInfo> finished = candidates.stream().filter(r -> r.score().isPresent()).toList();
        if (finished.isEmpty()) {
            return candidates.stream().findFirst();
        }
        if (expected != null) {
            for (RunInfo r : finished) {
                if (Math.abs(r.score().get() - expected) < 1e-12) {
                    return Optional.of(r);
                }
            }
            notes.add(String.format(Locale.ROOT, "%s, seed %d: no run has summary.json's %s (%.1f%%); %s (%.1f%%) "
                    + "is shown%s", arm, seed, metric, 100 * expected, finished.get(0).dir().getFileName(),
                    100 * finished.get(0).score().get(), ExperimentSummary.MAP.equals(metric)
                            ? " in the curves and mistakes" : ""));
        }
        return Optional.of(finished.get(0));
    }

    private static String key(String arm, int seed) {
        return arm + "#" + seed;
    }
}
