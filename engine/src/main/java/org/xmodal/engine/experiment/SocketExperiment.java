package org.xmodal.engine.experiment;

import org.xmodal.engine.eval.SceneAccuracy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.task.Cancellation;

/**
 * SOCKET's ablation on a paired dataset (Ahmed et al., ECCV 2022): trains (or reuses) the RGB source model on the
 * RGB images of the task's scene classes, then for every seed adapts it to the target modality under each arm's
 * objective ({@link SocketArm}: the source applied directly, information maximisation + pseudo-labels, SOCKET
 * without its task-irrelevant term, without its BN-statistics term, and all of it), and scores every arm by top-1
 * and per-class accuracy on the target modality's test images of the task's classes. Every run is a normal run
 * under {@code OUT/runs}; finished runs are reused and interrupted ones resumed. Results go to {@code OUT/results}
 * as every experiment writes them (summary.json, runs.json, preset.json) with socket.md, socket.csv,
 * socket-seeds.csv and, with the viz module present, report.html.
 */
public final class SocketExperiment {
    /**
     * @param data   the paired dataset (depth with scene classes)
     * @param out    the experiment's folder (runs/, results/, data/)
     * @param seeds  adaptation seeds 1..seeds
     * @param cache  where encodings are cached
     */
    public record Settings(Path data, Path out, int seeds, SocketPreset preset, EncodingCache cache) {
        public Settings {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
        }
    }

    /** Each arm's accuracy for every seed, and where they came from. */
    public record Results(ExperimentSummary summary, List<String> classes, List<Long> seeds,
                          Map<String, List<SceneAccuracy>> perSeed, Map<String, List<String>> runs,
                          String source, int testImages, List<String> notes) {
    }

    private final Settings settings;
    private final ExperimentOutput output;
    private final Cancellation cancel;
    private final ExperimentLayout layout;
    private final ExperimentRuns runs;
    private final List<String> notes = new ArrayList<>();

    public SocketExperiment(Settings settings, ExperimentOutput output, Cancellation cancel) {
        this.settings = settings;
        this.output = output;
        this.cancel = cancel;
        this.layout = new ExperimentLayout(settings.out());
        this.runs = new ExperimentRuns(layout.runs(), settings.cache(), output, cancel, "socket-");
    }

    /** Sends the runs that are not finished to {@code queue} instead of training them here (see {@link RunQueue}). */
    public SocketExperiment queueTo(RunQueue queue) {
        runs.queueTo(queue);
        return this;
    }

    public Results run() throws IOException {
        SocketPreset preset = settings.preset();
        Path data = prepareData(preset);
        List<String> classes;
        int testImages;
        try (PairedDataset ds = DatasetLoaders.open(data, output.progress("data"), cancel)) {
            classes = ds.taskRelevantScenes();
            testImages = check(ds, data, preset);
        }
        Files.createDirectories(layout.results());
        Json.writeAtomically(preset, layout.preset());

        List<String> stages = new ArrayList<>(List.of("RGB source model"));
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            for (SocketArm arm : SocketArm.ALL) {
                stages.add(arm.name() + ", seed " + seed);
            }
        }
        runs.plan(stages);
        RunSpec sourceSpec = preset.source().withData(data.toString());
        RunDirectory source = runs.ensure(sourceSpec, "RGB source model");
        String sourcePath = source.path().toAbsolutePath().toString();

        Map<String, List<SceneAccuracy>> perSeed = new LinkedHashMap<>();
        Map<String, List<String>> runIds = new LinkedHashMap<>();
        Map<String, List<List<String>>> index = new LinkedHashMap<>();
        List<Long> seeds = new ArrayList<>();
        List<RunDirectory> trained = new ArrayList<>();
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            seeds.add(seed);
            for (SocketArm arm : SocketArm.ALL) {
                RunSpec template = preset.adapt();
                RunSpec spec = template.toBuilder().data(data.toString()).seed(seed)
                        .name("socket-" + arm.name() + "-s" + seed)
                        .iterations(arm.adapts() ? template.iterations() : 0)
                        .objective(arm.adapts() ? arm.objective(template.objective()) : template.objective())
                        .socket(template.socket().withSource(sourcePath)).build();
                trained.add(runs.ensure(spec, arm.name() + ", seed " + seed));
            }
        }
        runs.resultsNeeded();
        Iterator<RunDirectory> done = trained.iterator();
        for (long seed : seeds) {
            for (SocketArm arm : SocketArm.ALL) {
                RunDirectory run = done.next();
                SceneAccuracy a = SceneAccuracy.of(run);
                output.line(String.format(Locale.ROOT, "  %s, seed %d: accuracy %.1f%%", arm.name(), seed,
                        100 * a.accuracy()));
                perSeed.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(a);
                runIds.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(run.id());
                index.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(List.of(run.id()));
            }
        }
        notes.add("source model " + source.id() + " (shared by every seed)");
        ExperimentSummary summary = summarise(perSeed, classes, settings.data().toString(), preset.name());
        layout.writeRunIndex(new ExperimentLayout.RunIndex(seeds, seeds.stream().map(s -> source.id()).toList(),
                List.of(), index));
        Results r = new Results(summary, classes, seeds, perSeed, runIds, source.id(), testImages, notes);
        writeResults(r);
        return r;
    }

    /** The summary of every arm's per-seed accuracies: accuracy, and each class's accuracy over seeds. */
    static ExperimentSummary summarise(Map<String, List<SceneAccuracy>> perSeed, List<String> classes,
                                       String dataset, String preset) {
        return ExperimentSummary.ofAccuracies(ExperimentSummary.SOCKET, perSeed, classes, "scenes", dataset, preset);
    }

    /**
     * Refuses a dataset the experiment cannot use, naming what is missing, before anything is trained; returns the
     * number of test images of the task's classes.
     */
    private static int check(PairedDataset ds, Path data, SocketPreset preset) throws BadInputException {
        String what = "SOCKET (preset " + preset.name() + ")";
        if (ds.pairs().isEmpty()) {
            throw new BadInputException(data, "has no usable pair (" + ds.report().summary() + ")");
        }
        if (ds.modality() != preset.adapt().modality()) {
            throw new BadInputException(data, "holds " + ds.modality().id() + " pairs, but " + what + " needs "
                    + preset.adapt().modality().id() + " pairs");
        }
        List<String> classes = ds.taskRelevantScenes();
        if (classes.size() < 2) {
            throw new BadInputException(data, "has " + classes.size() + " task-relevant scene class" + (classes
                    .size() == 1 ? "" : "es") + " (dataset.json's sceneClasses less its taskIrrelevantScenes); "
                    + what + " classifies scenes and needs at least two");
        }
        if (preset.adapt().objective().weight(Objective.TASK_IRRELEVANT) > 0
                && ds.pairs(Split.TRAIN).stream().noneMatch(ds::isTaskIrrelevant)) {
            throw new BadInputException(data, ds.taskIrrelevantScenes().isEmpty()
                    ? "marks no task-irrelevant scene classes (dataset.json's taskIrrelevantScenes), so the "
                    + "task-irrelevant term has no paired data: render such scenes with xmodal synth --scene-kinds 10 "
                    + "--task-irrelevant ..."
                    : "has no train pairs of its task-irrelevant scene classes (" + String.join(", ",
                    ds.taskIrrelevantScenes()) + ")");
        }
        if (relevant(ds.labelled(Split.TRAIN), classes).isEmpty()) {
            throw new BadInputException(data, "has no labelled train pair of the task's scene classes ("
                    + String.join(", ", classes) + ") to train the RGB source model on");
        }
        int test = relevant(ds.labelled(Split.TEST), classes).size();
        if (test == 0) {
            throw new BadInputException(data, "has no labelled test pair of the task's scene classes to score the "
                    + "arms on (give some pairs \"split\": \"test\" with a scene)");
        }
        return test;
    }

    private static List<Pair> relevant(List<Pair> pairs, List<String> classes) {
        return pairs.stream().filter(p -> p.annotation().scene().filter(classes::contains).isPresent()).toList();
    }

    /**
     * The dataset the runs use: the given one, or, for a synthetic dataset that marks no task-irrelevant classes,
     * the given one with scenes of all ten classes added (those it lacks marked task-irrelevant).
     */
    private Path prepareData(SocketPreset preset) throws IOException {
        Path data = settings.data().toAbsolutePath().normalize();
        if (!Files.exists(data)) {
            throw new BadInputException(data, "does not exist");
        }
        List<String> known;
        List<String> irrelevant;
        try (PairedDataset ds = DatasetLoaders.open(data, output.progress("data"), cancel)) {
            known = ds.sceneClasses();
            irrelevant = ds.taskIrrelevantScenes();
        }
        if (!irrelevant.isEmpty() || preset.addedScenes() == 0) {
            return data;
        }
        List<String> all = SynthConfig.sceneKindIds(SynthConfig.ALL_SCENE_KINDS);
        List<String> others = all.stream().filter(c -> !known.contains(c)).toList();
        if (others.isEmpty() || !all.containsAll(known)) {
            return data;
        }
        SyntheticExtension.Result ext = SyntheticExtension.apply(data, new SyntheticExtension.Request(
                        preset.addedScenes(), 1.0, preset.addedTest(), SynthConfig.ALL_SCENE_KINDS, others,
                        "for SOCKET: " + String.join(", ", others) + " are the task-irrelevant classes; the rest add "
                                + "labelled RGB for the source, unlabelled target images and test images"),
                "no task-irrelevant scene classes", layout.extendedData(), output.progress("synth"), cancel);
        if (ext.note() != null) {
            output.line("data: " + ext.note());
            notes.add(ext.note());
        }
        return ext.data();
    }

    private void writeResults(Results r) throws IOException {
        SocketTables.of(r).write(layout, "socket", output);
    }
}
