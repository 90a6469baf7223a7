package org.xmodal.engine.experiment;

import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.FinetuneTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.eval.DetectionEvaluation;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.finetune.FinetuneResults;
import org.xmodal.engine.finetune.RegionScores;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.proposals.ProposalCache;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.image.OutputFiles;

/**
 * The paper's Table 1 on a paired dataset: trains (or reuses) the RGB teacher, transfers from it, fine-tunes every
 * arm for every seed on the labelled train pairs, fuses RGB with depth, and writes the comparison. Every run is a
 * normal run under {@code OUT/runs} (the workbench shows and resumes them); a run with the same spec that already
 * finished is reused and an interrupted one resumed, so starting the same experiment again continues it.
 * Results go to {@code OUT/results}: summary.json (CONTRACT), table1.md, table1.csv, table1-seeds.csv, preset.json,
 * the fused arms' results and, with the viz module present, report.html with its charts.
 */
public final class Table1Experiment {
    /**
     * @param data   the paired dataset
     * @param out    the experiment's folder (runs/, results/, data/)
     * @param seeds  fine-tuning seeds 1..seeds
     * @param cache  where encodings and proposals are cached
     */
    public record Settings(Path data, Path out, int seeds, Table1Preset preset, EncodingCache cache,
                           boolean teacherPerSeed) {
        public Settings {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
        }

        /** One teacher and one transfer for every seed. */
        public Settings(Path data, Path out, int seeds, Table1Preset preset, EncodingCache cache) {
            this(data, out, seeds, preset, cache, false);
        }
    }

    private final Settings settings;
    private final ExperimentOutput output;
    private final Cancellation cancel;
    private final ExperimentLayout layout;
    private final Path runs;
    private final Path results;
    private final List<String> notes = new ArrayList<>();
    private final ExperimentRuns experimentRuns;

    public Table1Experiment(Settings settings, ExperimentOutput output, Cancellation cancel) {
        this.settings = settings;
        this.output = output;
        this.cancel = cancel;
        this.layout = new ExperimentLayout(settings.out());
        this.runs = layout.runs();
        this.results = layout.results();
        this.experimentRuns = new ExperimentRuns(runs, settings.cache(), output, cancel, "table1-");
    }

    /** Sends the runs that are not finished to {@code queue} instead of training them here (see {@link RunQueue}). */
    public Table1Experiment queueTo(RunQueue queue) {
        experimentRuns.queueTo(queue);
        return this;
    }

    public Table1Results run() throws IOException {
        Table1Preset preset = settings.preset();
        int trainPairs = checkData(preset);
        Files.createDirectories(results);
        Json.writeAtomically(preset, layout.preset());
        Path data = prepareData(preset, trainPairs);
        RunSpec finetune = preset.finetune();
        FinetuneTask task = finetune.finetune().task();

        List<String> classes;
        Map<String, List<ObjectAnnotation>> groundTruth = new LinkedHashMap<>();
        try (PairedDataset ds = DatasetLoaders.open(data, output.progress("data"), cancel)) {
            classes = ds.classes();
            List<Pair> train = ds.labelled(Split.TRAIN);
            List<Pair> test = ds.labelled(Split.TEST);
            test.forEach(p -> groundTruth.put(p.id(), p.annotation().objects()));
            output.line(String.format(Locale.ROOT, "data: %s, %d train pairs (%d labelled), %d test pairs, %d classes",
                    ds.name(), ds.pairs(Split.TRAIN).size(), train.size(), test.size(), classes.size()));
            if (task == FinetuneTask.DETECTION) {
                List<Pair> both = new ArrayList<>(train);
                both.addAll(test);
                long t0 = System.nanoTime();
                ProposalCache.proposals(PairEncoding.of(finetune.encoding(), ds, settings.cache()), both,
                        output.progress("proposals"), cancel);
                output.line(String.format(Locale.ROOT, "proposals: %d images ready (%.0f s; cached for every arm)",
                        both.size(), (System.nanoTime() - t0) / 1e9));
            }
        }

        experimentRuns.plan(stageLabels());
        List<RunDirectory> teachers = new ArrayList<>();
        List<RunDirectory> students = new ArrayList<>();
        for (long seed = 1; seed <= (settings.teacherPerSeed() ? settings.seeds() : 1); seed++) {
            // the first draw is the shared one's: seed 1 of a per-seed experiment reuses a shared experiment's runs
            String suffix = teacherSuffix(seed);
            RunSpec teacherSpec = preset.teacher().withData(data.toString());
            RunSpec transferSpec = preset.transfer().withData(data.toString());
            if (seed > 1) {
                teacherSpec = teacherSpec.withSeed(teacherSpec.seed() + seed - 1)
                        .withName(teacherSpec.name() + "-s" + seed);
                transferSpec = transferSpec.withSeed(transferSpec.seed() + seed - 1)
                        .withName(transferSpec.name() + "-s" + seed);
            }
            RunDirectory teacher = ensure(teacherSpec, "RGB teacher" + suffix);
            RunSpec.Teacher t = transferSpec.teacher();
            transferSpec = withTeacher(transferSpec, t.withWeights(teacher.path().toAbsolutePath().toString()));
            teachers.add(teacher);
            students.add(ensure(transferSpec, "supervision transfer" + suffix));
        }

        Map<String, List<DetectionResult>> perSeed = new LinkedHashMap<>();
        Map<String, List<String>> runIds = new LinkedHashMap<>();
        Map<String, List<RunDirectory>> trained = new LinkedHashMap<>();
        List<Long> seeds = new ArrayList<>();
        Map<String, List<List<String>>> index = new LinkedHashMap<>();
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            seeds.add(seed);
            RunDirectory teacher = teachers.get(settings.teacherPerSeed() ? (int) seed - 1 : 0);
            RunDirectory student = students.get(settings.teacherPerSeed() ? (int) seed - 1 : 0);
            for (Table1Arm arm : Table1Arm.trained()) {
                RunSpec template = arm == Table1Arm.NO_INIT ? preset.fromScratch() : finetune;
                String init = switch (arm.init()) {
                    case Table1Arm.TEACHER -> teacher.path().toAbsolutePath().toString();
                    case Table1Arm.STUDENT -> student.path().toAbsolutePath().toString();
                    default -> "random";
                };
                RunSpec.Finetune f = template.finetune();
                RunSpec spec = template.withData(data.toString()).withSeed(seed)
                        .withName("table1-" + arm.name() + "-s" + seed)
                        .withFinetune(new RunSpec.Finetune(FinetuneInput.parse(arm.input()), init,
                                arm.freezeUpTo(), f.task(), f.proposals(), f.foreground()));
                trained.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(ensure(spec,
                        arm.name() + ", seed " + seed));
            }
        }
        experimentRuns.resultsNeeded();
        for (int i = 0; i < seeds.size(); i++) {
            for (Table1Arm arm : Table1Arm.trained()) {
                RunDirectory run = trained.get(arm.name()).get(i);
                DetectionResult result = FinetuneResults.detection(run);
                output.line(String.format(Locale.ROOT, "  %s, seed %d: mAP %.1f%%", arm.name(), seeds.get(i),
                        100 * result.mAP()));
                perSeed.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(result);
                runIds.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(run.id());
                index.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(List.of(run.id()));
            }
        }
        for (Table1Arm arm : Table1Arm.ALL.stream().filter(Table1Arm::isFusion).toList()) {
            for (int i = 0; i < seeds.size(); i++) {
                RunDirectory a = trained.get(arm.fused().get(0)).get(i);
                RunDirectory b = trained.get(arm.fused().get(1)).get(i);
                DetectionResult fused = fuse(a, b, groundTruth, classes);
                Path dir = layout.fusion(arm.name(), seeds.get(i));
                Files.createDirectories(dir);
                FinetuneResults.write(dir, fused);
                output.line(String.format(Locale.ROOT, "  %s, seed %d: mAP %.1f%% (late fusion of %s and %s)",
                        arm.name(), seeds.get(i), 100 * fused.mAP(), a.id(), b.id()));
                perSeed.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(fused);
                runIds.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(a.id() + " + " + b.id());
                index.computeIfAbsent(arm.name(), k -> new ArrayList<>()).add(List.of(a.id(), b.id()));
            }
        }
        List<String> withoutTruth = classes.stream().filter(c -> perSeed.values().iterator().next().get(0)
                .apPerClass().get(c).isNaN()).toList();
        String dataset = settings.data().toString();
        ExperimentSummary summary = Table1Results.summarise(perSeed, classes, task.id(), dataset, preset.name());
        List<String> teacherIds = seeds.stream().map(sd -> teachers.get(settings.teacherPerSeed()
                ? (int) (sd - 1) : 0).id()).toList();
        List<String> studentIds = seeds.stream().map(sd -> students.get(settings.teacherPerSeed()
                ? (int) (sd - 1) : 0).id()).toList();
        notes.add(settings.teacherPerSeed()
                ? "a teacher and a transfer of its own for each seed: teachers " + String.join(", ", teacherIds)
                        + "; transfers " + String.join(", ", studentIds)
                : "teacher " + teacherIds.get(0) + ", transfer " + studentIds.get(0) + " (both shared by every seed)");
        layout.writeRunIndex(new ExperimentLayout.RunIndex(seeds, teacherIds, studentIds, index));
        Table1Results r = new Table1Results(summary, classes, seeds, perSeed, runIds, withoutTruth, notes);
        writeResults(r);
        return r;
    }

    /** Refuses a dataset the experiment cannot use, before anything is written or trained; returns its train pairs. */
    private int checkData(Table1Preset preset) throws IOException {
        try (PairedDataset ds = DatasetLoaders.open(settings.data(), output.progress("data"), cancel)) {
            ExperimentData.require(ds, settings.data(), preset.finetune().modality(),
                    "Table 1 (preset " + preset.name() + ")");
            return ds.pairs(Split.TRAIN).size();
        }
    }

    /** The dataset the runs use: the given one, or the given one with more unlabelled synthetic pairs. */
    private Path prepareData(Table1Preset preset, int trainPairs) throws IOException {
        Path data = settings.data().toAbsolutePath().normalize();
        SyntheticExtension.Result ext = SyntheticExtension.apply(data, trainPairs, preset.unlabelledTarget(),
                layout.extendedData(), output.progress("synth"), cancel);
        if (ext.note() != null) {
            output.line("data: " + ext.note());
            notes.add(ext.note());
        }
        return ext.data();
    }

    private static DetectionResult fuse(RunDirectory a, RunDirectory b, Map<String, List<ObjectAnnotation>> truth,
                                        List<String> classes) throws IOException {
        RegionScores fused = RegionScores.average(RegionScores.read(a.results()), RegionScores.read(b.results()),
                Table1Arm.FUSION_WEIGHT);
        return DetectionEvaluation.evaluate(fused.detections(), truth, classes);
    }

    /** The stages in the order {@link #run} trains them, in its words. */
    private List<String> stageLabels() {
        List<String> labels = new ArrayList<>();
        for (long seed = 1; seed <= (settings.teacherPerSeed() ? settings.seeds() : 1); seed++) {
            labels.add("RGB teacher" + teacherSuffix(seed));
            labels.add("supervision transfer" + teacherSuffix(seed));
        }
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            for (Table1Arm arm : Table1Arm.trained()) {
                labels.add(arm.name() + ", seed " + seed);
            }
        }
        return labels;
    }

    private String teacherSuffix(long seed) {
        return settings.teacherPerSeed() ? " (seed " + seed + ")" : "";
    }

    private RunDirectory ensure(RunSpec spec, String what) throws IOException {
        return experimentRuns.ensure(spec, what);
    }

    private static RunSpec withTeacher(RunSpec s, RunSpec.Teacher teacher) {
        return s.toBuilder().teacher(teacher).build();
    }

    private void writeResults(Table1Results r) throws IOException {
        String title = "Table 1: initialisations for " + (r.summary().task().equals("detection") ? "detection"
                : "region classification") + " with few labels";
        write(results.resolve("table1.md"), Table1Tables.markdown(r, title));
        write(results.resolve("table1.csv"), Table1Tables.csv(r));
        write(results.resolve("table1-seeds.csv"), Table1Tables.perSeedCsv(r));
        boolean drawn = false;
        for (Table1ReportWriter w : ServiceLoader.load(Table1ReportWriter.class)) {
            w.write(r, results);
            drawn = true;
        }
        if (!drawn) {
            output.line("report.html not written: the viz module is not on the class path (the launcher has it)");
        }
        // last: its presence says the experiment finished, everything in results/ written (what the window waits for)
        r.summary().write(layout.summary());
    }

    private static void write(Path file, String text) throws IOException {
        OutputFiles.replace(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
