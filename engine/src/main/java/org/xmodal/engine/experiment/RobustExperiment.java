package org.xmodal.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.data.folder.DatasetCorruptor;
import org.xmodal.engine.data.folder.DatasetManifest;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.task.Cancellation;

/**
 * Robust cross-modal distillation under corrupted pairs (Xia et al. 2023's comparison, on the workbench's pairs):
 * trains (or reuses) the RGB teacher on the clean RGB images of the scene classes, then, for every corruption level,
 * makes a copy of the dataset in which that fraction of the train pairs has its RGB image (the teacher's view)
 * shifted, taken from a neighbouring view, occluded, blanked or swapped with another scene's
 * ({@link DatasetCorruptor}), and trains for every seed the student on each arm's objective ({@link RobustArm}:
 * cross-entropy alone, + hint, + KD, + CRD, + MNF/CSC). Every student is scored by top-1 and per-class accuracy on
 * the clean test pairs. Runs are normal runs under {@code OUT/runs}, reused when finished and resumed when
 * interrupted; the corrupted copies are under {@code OUT/data}. Results go to {@code OUT/results} as every
 * experiment writes them (summary.json with arms {@code <arm>@<level>}, runs.json, preset.json) with robust.md,
 * robust.csv, robust-seeds.csv and, with the viz module present, report.html with accuracy against corruption.
 */
public final class RobustExperiment {
    /** Added to a level's thousandths for the seed of its corrupted copy, so each level corrupts other pairs. */
    static final long CORRUPTION_SEED = 4242;

    /**
     * @param data   the paired dataset (depth with scene classes)
     * @param out    the experiment's folder (runs/, results/, data/)
     * @param seeds  student seeds 1..seeds
     * @param levels fractions of the train pairs corrupted, each in [0, 1]
     * @param cache  where encodings are cached
     */
    public record Settings(Path data, Path out, int seeds, List<Double> levels, RobustPreset preset,
                           EncodingCache cache) {
        public Settings {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
            if (levels == null || levels.isEmpty()) {
                throw new IllegalArgumentException("--noise needs at least one corruption level");
            }
            for (double l : levels) {
                if (!(l >= 0 && l <= 1)) {
                    throw new IllegalArgumentException("--noise levels are fractions of the train pairs in [0, 1], "
                            + "got " + l);
                }
            }
            if (levels.stream().distinct().count() != levels.size()) {
                throw new IllegalArgumentException("--noise lists a level twice: " + levels);
            }
            levels = levels.stream().sorted().toList();
        }
    }

    /** Every arm's accuracy at every level for every seed, and where they came from. */
    public record Results(ExperimentSummary summary, List<String> classes, List<Long> seeds, List<Double> levels,
                          Map<String, List<SceneAccuracy>> perSeed, Map<String, List<String>> runs, String teacher,
                          int testImages, int trainPairs, Map<String, String> corruptions, List<String> notes) {
    }

    private final Settings settings;
    private final ExperimentOutput output;
    private final Cancellation cancel;
    private final ExperimentLayout layout;
    private final ExperimentRuns runs;
    private final List<String> notes = new ArrayList<>();

    public RobustExperiment(Settings settings, ExperimentOutput output, Cancellation cancel) {
        this.settings = settings;
        this.output = output;
        this.cancel = cancel;
        this.layout = new ExperimentLayout(settings.out());
        this.runs = new ExperimentRuns(layout.runs(), settings.cache(), output, cancel, "robust-");
    }

    /** Sends the runs that are not finished to {@code queue} instead of training them here (see {@link RunQueue}). */
    public RobustExperiment queueTo(RunQueue queue) {
        runs.queueTo(queue);
        return this;
    }

    public Results run() throws IOException {
        RobustPreset preset = settings.preset();
        Path clean = prepareData(preset);
        List<String> classes;
        int testImages;
        int trainPairs;
        try (PairedDataset ds = DatasetLoaders.open(clean, output.progress("data"), cancel)) {
            classes = ds.taskRelevantScenes();
            testImages = check(ds, clean, preset);
            trainPairs = scenes(ds.labelled(Split.TRAIN), classes).size();
        }
        Files.createDirectories(layout.results());
        Json.writeAtomically(preset, layout.preset());

        List<String> stages = new ArrayList<>(List.of("RGB teacher (clean pairs)"));
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            for (double level : settings.levels()) {
                for (RobustArm arm : RobustArm.ALL) {
                    stages.add(arm.at(level) + ", seed " + seed);
                }
            }
        }
        runs.plan(stages);
        RunDirectory teacher = runs.ensure(preset.teacher().withData(clean.toString()), "RGB teacher (clean pairs)");
        String teacherPath = teacher.path().toAbsolutePath().toString();

        Map<Double, Path> data = new LinkedHashMap<>();
        Map<String, String> corruptions = new LinkedHashMap<>();
        for (double level : settings.levels()) {
            data.put(level, level == 0 ? clean : corrupted(clean, level, corruptions));
        }

        Map<String, List<SceneAccuracy>> perSeed = new LinkedHashMap<>();
        Map<String, List<String>> runIds = new LinkedHashMap<>();
        Map<String, List<List<String>>> index = new LinkedHashMap<>();
        for (RobustArm arm : RobustArm.ALL) {
            for (double level : settings.levels()) {
                perSeed.put(arm.at(level), new ArrayList<>());
                runIds.put(arm.at(level), new ArrayList<>());
                index.put(arm.at(level), new ArrayList<>());
            }
        }
        List<Long> seeds = new ArrayList<>();
        List<RunDirectory> trained = new ArrayList<>();
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            seeds.add(seed);
            for (double level : settings.levels()) {
                for (RobustArm arm : RobustArm.ALL) {
                    RunSpec template = preset.distill();
                    RunSpec spec = template.toBuilder().data(data.get(level).toString()).seed(seed)
                            .name("robust-" + arm.name() + "-noise" + RobustArm.level(level) + "-s" + seed)
                            .objective(arm.objective(template.objective()))
                            .teacher(template.teacher().withWeights(teacherPath)).build();
                    trained.add(runs.ensure(spec, arm.at(level) + ", seed " + seed));
                }
            }
        }
        runs.resultsNeeded();
        Iterator<RunDirectory> done = trained.iterator();
        for (long seed : seeds) {
            for (double level : settings.levels()) {
                for (RobustArm arm : RobustArm.ALL) {
                    String key = arm.at(level);
                    RunDirectory run = done.next();
                    SceneAccuracy a = SceneAccuracy.of(run);
                    output.line(String.format(Locale.ROOT, "  %s, seed %d: accuracy %.1f%%", key, seed,
                            100 * a.accuracy()));
                    perSeed.get(key).add(a);
                    runIds.get(key).add(run.id());
                    index.get(key).add(List.of(run.id()));
                }
            }
        }
        notes.add("RGB teacher " + teacher.id() + " (trained on the clean RGB images, shared by every level and seed)");
        ExperimentSummary summary = summarise(perSeed, classes, settings.data().toString(), preset.name());
        layout.writeRunIndex(new ExperimentLayout.RunIndex(seeds, seeds.stream().map(s -> teacher.id()).toList(),
                List.of(), index));
        Results r = new Results(summary, classes, seeds, settings.levels(), perSeed, runIds, teacher.id(),
                testImages, trainPairs, corruptions, notes);
        writeResults(r);
        return r;
    }

    /** The summary of every arm at every level: accuracy over seeds, and each class's accuracy over seeds. */
    static ExperimentSummary summarise(Map<String, List<SceneAccuracy>> perSeed, List<String> classes,
                                       String dataset, String preset) {
        return ExperimentSummary.ofAccuracies(ExperimentSummary.ROBUST, perSeed, classes, "scenes", dataset, preset);
    }

    /**
     * The copy of the clean dataset with {@code level} of its train pairs corrupted, made once under
     * {@code OUT/data/noise-<level>} (written to a temporary folder first, so an interrupted copy is made again).
     */
    private Path corrupted(Path clean, double level, Map<String, String> corruptions) throws IOException {
        Path target = layout.extendedData().resolve("noise-" + RobustArm.level(level));
        long seed = CORRUPTION_SEED + Math.round(level * 1000);
        if (!Files.isRegularFile(target.resolve(DatasetManifest.FILE_NAME))) {
            cancel.check();
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            ExperimentLayout.deleteTree(partial);
            Files.createDirectories(partial.getParent());
            DatasetCorruptor.corrupt(clean, partial, level, seed, EnumSet.allOf(Corruption.Kind.class),
                    output.progress("corrupt"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        String what = describe(target);
        output.line("data: " + RobustArm.level(level) + " of the train pairs' RGB corrupted in " + target + " ("
                + what + ")");
        corruptions.put(RobustArm.level(level), what);
        return target;
    }

    /** What the corrupted copy holds, kind by kind, from its pairs' records. */
    private String describe(Path data) throws IOException {
        Map<Corruption.Kind, Integer> counts = new LinkedHashMap<>();
        int train = 0;
        try (PairedDataset ds = DatasetLoaders.open(data, output.progress("data"), cancel)) {
            for (Pair p : ds.pairs(Split.TRAIN)) {
                train++;
                p.corruption().ifPresent(c -> counts.merge(c.kind(), 1, Integer::sum));
            }
        }
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> kinds = new ArrayList<>();
        counts.forEach((k, c) -> kinds.add(c + " " + k.id()));
        return n + " of " + train + " train pairs" + (kinds.isEmpty() ? "" : ": " + String.join(", ", kinds));
    }

    /**
     * Refuses a dataset the experiment cannot use, naming what is missing, before anything is trained; returns the
     * number of test images of the scene classes.
     */
    private static int check(PairedDataset ds, Path data, RobustPreset preset) throws BadInputException {
        String what = "the robust-distillation experiment (preset " + preset.name() + ")";
        if (ds.pairs().isEmpty()) {
            throw new BadInputException(data, "has no usable pair (" + ds.report().summary() + ")");
        }
        if (ds.modality() != preset.distill().modality()) {
            throw new BadInputException(data, "holds " + ds.modality().id() + " pairs, but " + what + " needs "
                    + preset.distill().modality().id() + " pairs");
        }
        if (!Files.isRegularFile(data.resolve(DatasetManifest.FILE_NAME))) {
            throw new BadInputException(data, "is not a dataset folder (no dataset.json): " + what + " writes "
                    + "corrupted copies of a folder dataset");
        }
        List<String> classes = ds.taskRelevantScenes();
        if (classes.size() < 2) {
            throw new BadInputException(data, "has " + classes.size() + " scene class" + (classes.size() == 1 ? ""
                    : "es") + " (dataset.json's sceneClasses); " + what + " classifies scenes and needs at least two");
        }
        int train = scenes(ds.labelled(Split.TRAIN), classes).size();
        if (train < 2) {
            throw new BadInputException(data, "has " + train + " labelled train pairs with a scene class: the "
                    + "students learn from labels (xmodal synth --labelled-fraction 1 labels every train pair)");
        }
        int negatives = preset.distill().distill().crdNegatives();
        if (negatives >= train) {
            throw new BadInputException(data, "has " + train + " labelled train pairs, the memory bank from which "
                    + "the crd arm draws its " + negatives + " negatives per pair: use a preset with fewer "
                    + "negatives (distill.crdNegatives) or more labelled pairs");
        }
        int test = scenes(ds.labelled(Split.TEST), classes).size();
        if (test == 0) {
            throw new BadInputException(data, "has no labelled test pair of the scene classes to score the arms on");
        }
        return test;
    }

    private static List<Pair> scenes(List<Pair> pairs, List<String> classes) {
        return pairs.stream().filter(p -> p.annotation().scene().filter(classes::contains).isPresent()).toList();
    }

    /**
     * The dataset the runs use: the given one, or, for a synthetic dataset made by {@code xmodal synth}, the given
     * one with labelled scenes of its classes added (the bundled rooms label a fifth of their train pairs).
     */
    private Path prepareData(RobustPreset preset) throws IOException {
        Path data = settings.data().toAbsolutePath().normalize();
        if (!Files.exists(data)) {
            throw new BadInputException(data, "does not exist");
        }
        if (preset.addedScenes() == 0) {
            return data;
        }
        List<String> known;
        try (PairedDataset ds = DatasetLoaders.open(data, output.progress("data"), cancel)) {
            known = ds.sceneClasses();
        }
        List<String> classic = SynthConfig.sceneKindIds(SynthConfig.CLASSIC_SCENE_KINDS);
        if (!known.equals(classic)) {
            return data;
        }
        SyntheticExtension.Result ext = SyntheticExtension.apply(data, new SyntheticExtension.Request(
                        preset.addedScenes(), 1.0, preset.addedTest(), SynthConfig.CLASSIC_SCENE_KINDS, List.of(),
                        "for robust distillation: labelled pairs for the teacher and the students, and test pairs"),
                "few labelled pairs", layout.extendedData(), output.progress("synth"), cancel);
        if (ext.note() != null) {
            output.line("data: " + ext.note());
            notes.add(ext.note());
        }
        return ext.data();
    }

    private void writeResults(Results r) throws IOException {
        ExperimentTables.writeResults(layout, "robust", r.summary(), RobustTables.markdown(r),
                RobustTables.perSeedCsv(r), RobustTables.report(r), output);
    }
}
