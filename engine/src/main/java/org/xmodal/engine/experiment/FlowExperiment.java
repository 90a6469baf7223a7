package org.xmodal.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.data.Clips;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.data.folder.DatasetManifest;
import org.xmodal.engine.data.folder.LabelledCopy;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;

/**
 * The paper's flow experiment (Gupta et al., section 5.3) on clips of labelled motion classes: an RGB teacher trained
 * on the RGB frames' labelled object regions (or one the user gives), supervision transfer from it to a flow network
 * on the train clips without their labels, and fully supervised pre-training on the flow images of every train clip
 * with its action label; then each arm ({@link FlowArm}: no init, copy from RGB, transfer, supervised) is fine-tuned
 * for every seed on the labelled train clips only and scored by clip accuracy (a clip's frames' scores averaged) on
 * the test clips. Runs are normal runs under {@code OUT/runs}, reused when finished and resumed when interrupted;
 * the all-labelled copy of the data the supervised arm pre-trains on is under {@code OUT/data}. Results go to
 * {@code OUT/results} as every experiment writes them (summary.json with metric accuracy, runs.json, preset.json,
 * flow.md, flow.csv, flow-seeds.csv, report.html).
 */
public final class FlowExperiment {
    /**
     * @param data    the clips (a flow dataset whose scene classes are the clips' classes)
     * @param out     the experiment's folder
     * @param seeds   fine-tuning seeds 1..seeds
     * @param teacher a finished RGB teacher run (or weights) to use instead of training one, or null
     * @param cache   where encodings are cached
     */
    public record Settings(Path data, Path out, int seeds, FlowPreset preset, Path teacher, EncodingCache cache) {
        public Settings {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
        }
    }

    /** Every arm's clip accuracy for every seed, and where it came from. */
    public record Results(ExperimentSummary summary, List<String> classes, List<Long> seeds,
                          Map<String, List<SceneAccuracy>> perSeed, Map<String, List<String>> runs, String teacher,
                          String transfer, String supervised, int testClips, int labelledClips, int trainClips,
                          List<String> notes) {
    }

    private final Settings settings;
    private final ExperimentOutput output;
    private final Cancellation cancel;
    private final ExperimentLayout layout;
    private final ExperimentRuns runs;
    private final List<String> notes = new ArrayList<>();

    public FlowExperiment(Settings settings, ExperimentOutput output, Cancellation cancel) {
        this.settings = settings;
        this.output = output;
        this.cancel = cancel;
        this.layout = new ExperimentLayout(settings.out());
        this.runs = new ExperimentRuns(layout.runs(), settings.cache(), output, cancel, "flow-");
    }

    /** Sends the runs that are not finished to {@code queue} instead of training them here (see {@link RunQueue}). */
    public FlowExperiment queueTo(RunQueue queue) {
        runs.queueTo(queue);
        return this;
    }

    public Results run() throws IOException {
        FlowPreset preset = settings.preset();
        Path data = settings.data().toAbsolutePath().normalize();
        if (!Files.exists(data)) {
            throw new BadInputException(data, "does not exist");
        }
        List<String> classes;
        Counts counts;
        boolean everyTrainClipLabelled;
        try (PairedDataset ds = DatasetLoaders.open(data, output.progress("data"), cancel)) {
            classes = ds.taskRelevantScenes();
            counts = check(ds, data, settings.teacher() == null);
            everyTrainClipLabelled = classified(ds.pairs(Split.TRAIN), classes).stream().allMatch(Pair::labelled);
        }
        output.line(String.format(Locale.ROOT, "data: %d classes, %d train clips (%d labelled), %d test clips",
                classes.size(), counts.train(), counts.labelled(), counts.test()));
        Files.createDirectories(layout.results());
        Json.writeAtomically(preset, layout.preset());

        List<String> stages = new ArrayList<>();
        if (settings.teacher() == null) {
            stages.add("RGB teacher (object regions)");
        }
        stages.add("supervision transfer RGB -> flow");
        stages.add("supervised pre-training on flow labels");
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            for (FlowArm arm : FlowArm.ALL) {
                stages.add(arm.name() + ", seed " + seed);
            }
        }
        runs.plan(stages);
        String dataPath = data.toString();
        String teacherPath;
        String teacherId;
        if (settings.teacher() != null) {
            teacherPath = settings.teacher().toAbsolutePath().normalize().toString();
            teacherId = settings.teacher().getFileName().toString();
            notes.add("RGB teacher given: " + teacherPath);
        } else {
            RunDirectory teacher = runs.ensure(preset.teacher().withData(dataPath), "RGB teacher (object regions)");
            teacherPath = teacher.path().toAbsolutePath().toString();
            teacherId = teacher.id();
            notes.add("RGB teacher " + teacherId + ", trained on the train frames' RGB object regions (their object "
                    + "labels, never the clips' classes), shared by every seed");
        }
        RunSpec transferSpec = preset.transfer().toBuilder().data(dataPath)
                .teacher(preset.transfer().teacher().withWeights(teacherPath)).build();
        RunDirectory transfer = runs.ensure(transferSpec, "supervision transfer RGB -> flow");

        Path supervisedData = everyTrainClipLabelled ? data : labelledCopy(data);
        if (everyTrainClipLabelled) {
            notes.add("every train clip is labelled, so the supervised arm's pre-training saw the labels the other "
                    + "arms are fine-tuned on, no more");
        }
        RunDirectory supervised = runs.ensure(preset.supervised().withData(supervisedData.toString()),
                "supervised pre-training on flow labels");

        Map<FlowArm, String> inits = new LinkedHashMap<>();
        inits.put(FlowArm.NO_INIT, "random");
        inits.put(FlowArm.COPY_RGB, teacherPath);
        inits.put(FlowArm.TRANSFER, transfer.path().toAbsolutePath().toString());
        inits.put(FlowArm.SUPERVISED, supervised.path().toAbsolutePath().toString());
        inits.put(FlowArm.RGB, teacherPath);

        Map<String, List<SceneAccuracy>> perSeed = new LinkedHashMap<>();
        Map<String, List<String>> runIds = new LinkedHashMap<>();
        Map<String, List<List<String>>> index = new LinkedHashMap<>();
        List<Long> seeds = new ArrayList<>();
        List<RunDirectory> trained = new ArrayList<>();
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            seeds.add(seed);
            for (FlowArm arm : FlowArm.ALL) {
                RunSpec template = arm == FlowArm.NO_INIT ? preset.fromScratch() : preset.finetune();
                RunSpec spec = template.toBuilder().data(dataPath).seed(seed)
                        .name("flow-" + arm.name() + "-s" + seed)
                        .finetune(template.finetune().withInit(inits.get(arm))
                                .withInput(arm == FlowArm.RGB ? FinetuneInput.RGB : FinetuneInput.PAIRED)).build();
                trained.add(runs.ensure(spec, arm.name() + ", seed " + seed));
            }
        }
        runs.resultsNeeded();
        Iterator<RunDirectory> done = trained.iterator();
        for (long seed : seeds) {
            for (FlowArm arm : FlowArm.ALL) {
                RunDirectory run = done.next();
                SceneAccuracy a = SceneAccuracy.of(run);
                output.line(String.format(Locale.ROOT, "  %s, seed %d: clip accuracy %.1f%%", arm.name(), seed,
                        100 * a.accuracy()));
                perSeed.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(a);
                runIds.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(run.id());
                index.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(List.of(run.id()));
            }
        }
        notes.add("transfer " + transfer.id() + " and supervised pre-training " + supervised.id()
                + ", shared by every seed");
        ExperimentSummary summary = ExperimentSummary.ofAccuracies(ExperimentSummary.FLOW, perSeed, classes, "clips",
                settings.data().toString(), preset.name());
        layout.writeRunIndex(new ExperimentLayout.RunIndex(seeds, seeds.stream().map(s -> teacherId).toList(),
                seeds.stream().map(s -> transfer.id()).toList(), index));
        Results r = new Results(summary, classes, seeds, perSeed, runIds, teacherId, transfer.id(), supervised.id(),
                counts.test(), counts.labelled(), counts.train(), notes);
        FlowTables.of(r).write(layout, "flow", output);
        return r;
    }

    /** Clips of the train split, labelled train clips, test clips. */
    record Counts(int train, int labelled, int test) {
    }

    /**
     * Refuses data the experiment cannot use, naming what is missing, before anything is trained.
     *
     * @param teacherTrained whether the teacher is trained here (then the train frames need object annotations)
     */
    static Counts check(PairedDataset ds, Path data, boolean teacherTrained) throws BadInputException {
        String what = "the flow experiment";
        ExperimentData.require(ds, data, Modality.FLOW, what);
        List<String> classes = ds.taskRelevantScenes();
        if (classes.size() < 2) {
            throw new BadInputException(data, "has " + classes.size() + " clip class" + (classes.size() == 1 ? ""
                    : "es") + " (dataset.json's sceneClasses, or a video folder's class folders); " + what
                    + " classifies clips and needs at least two (make clips with ./xmodal synth --actions N)");
        }
        int labelled = Clips.group(classified(ds.labelled(Split.TRAIN), classes)).size();
        int test = Clips.group(classified(ds.labelled(Split.TEST), classes)).size();
        int train = Clips.group(classified(ds.pairs(Split.TRAIN), classes)).size();
        if (labelled == 0) {
            throw new BadInputException(data, "has no labelled train clip of its classes to fine-tune on");
        }
        if (test == 0) {
            throw new BadInputException(data, "has no labelled test clip of its classes to score the arms on");
        }
        if (teacherTrained && ds.pairs(Split.TRAIN).stream().allMatch(p -> p.annotation().objects().isEmpty())) {
            throw new BadInputException(data, "has no object annotations on its train frames, from which " + what
                    + " trains its RGB teacher: give a teacher run with --teacher RUN_DIR");
        }
        return new Counts(train, labelled, test);
    }

    private static List<Pair> classified(List<Pair> pairs, List<String> classes) {
        return pairs.stream().filter(p -> p.annotation().scene().filter(classes::contains).isPresent()).toList();
    }

    /** The copy of the data with every train clip labelled, made once under {@code OUT/data/all-labelled}. */
    private Path labelledCopy(Path data) throws IOException {
        if (!Files.isRegularFile(data.resolve(DatasetManifest.FILE_NAME))) {
            throw new BadInputException(data, "has unlabelled train clips but is not a dataset folder (no "
                    + DatasetManifest.FILE_NAME + "), so the supervised arm cannot be given their labels");
        }
        Path target = layout.extendedData().resolve("all-labelled");
        if (!Files.isRegularFile(target.resolve(DatasetManifest.FILE_NAME))) {
            cancel.check();
            Path partial = target.resolveSibling("all-labelled.partial");
            ExperimentLayout.deleteTree(partial);
            LabelledCopy.write(data, partial, output.progress("copy"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        output.line("data: every train clip labelled, for the supervised arm's pre-training, in " + target);
        return target;
    }
}
