package org.xmodal.engine.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.device.CpuKernels;
import org.xmodal.engine.eval.DetectionEvaluation;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.finetune.FinetuneResults;
import org.xmodal.engine.finetune.RegionScores;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunSpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xmodal lesson-assets --out DIR}: the ready-made results the lesson starts from, made by the project's own
 * commands on the bundled data, so that a class never waits for them: the teacher preset's RGB teacher
 * ({@code rgb-teacher/}, a run folder without its checkpoints, its weights kept up to pool5, what a transfer and the
 * lesson use) and a one-seed Table 1 with the cpu-demo preset ({@code table1/results/}, and of the scratch and
 * transferred detectors' fine-tuning runs what their mistakes are found from), with {@code PROVENANCE.md} saying how,
 * on which build and machine. Floats differ by CPU, so a set made elsewhere tells the same story (the
 * same Table 1 ordering), not the same digits.
 */
@Command(name = "lesson-assets", mixinStandardHelpOptions = true, description = {
    "Makes the lesson's ready-made results with the project's own commands: the teacher preset's RGB teacher and a "
        + "one-seed Table 1 (cpu-demo), with PROVENANCE.md. About 10 minutes on two CPU cores."})
final class LessonAssetsCommand extends CliCommand implements Callable<Integer> {
    /** The teacher's folder in the set. */
    static final String TEACHER = "rgb-teacher";
    /** The Table 1 experiment's folder in the set (its results/ and the {@link #MISTAKE_ARMS}' runs). */
    static final String TABLE1 = "table1";
    static final String PROVENANCE = "PROVENANCE.md";
    /**
     * The Table 1 arms whose fine-tuning run of {@link #MISTAKE_SEED} is kept, so that the lesson and the Results view
     * can show their mistakes: the scratch detector and the transferred one.
     */
    static final List<String> MISTAKE_ARMS = List.of("no-init", "transfer");
    static final long MISTAKE_SEED = 1;
    /**
     * What of such a run is kept, relative to its folder: what the mistakes drill-down reads (the spec for its
     * dataset, the stored region scores, the stored APs and PR curves), not its weights, checkpoints or logs.
     */
    static final List<String> MISTAKE_FILES = List.of(RunDirectory.SPEC, "results/" + RegionScores.SCORES_FILE,
            "results/" + RegionScores.INDEX_FILE, "results/" + FinetuneResults.DETECTION_FILE);
    /** The layer the lesson's teacher is kept up to (the paper's transfer layer). */
    static final String TAP = "pool5";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the set (replaced).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The paired dataset (default: the bundled sample-data/synth-rgbd).")
    Path data;

    @Option(names = "--teacher-steps", paramLabel = "N", defaultValue = "2000",
            description = "Steps of the RGB teacher (default: ${DEFAULT-VALUE}: the preset's 600 leave its conv1 "
                    + "grainy; at 2000 its filters are smooth colour blobs and bands, structure 0.80 against 0.69).")
    int teacherSteps;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Seeds of the Table 1 experiment (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("xmodal.root", "."));
        Path dataset = data != null ? data : root.resolve("sample-data").resolve("synth-rgbd");
        Path preset = root.resolve("assets").resolve("presets").resolve("teacher-cpu-demo.json");
        if (!Files.isDirectory(dataset)) {
            err().println("xmodal lesson-assets: " + dataset + ": no such dataset folder");
            return XmodalCli.EXIT_BAD_INPUT;
        }
        if (!Files.isRegularFile(preset)) {
            err().println("xmodal lesson-assets: " + preset + ": the teacher preset is missing (run from a checkout)");
            return XmodalCli.EXIT_BAD_INPUT;
        }
        Path work = Files.createTempDirectory("xmodal-lesson-assets");
        try {
            RunSpec teacherSpec = RunSpecFiles.read(preset).toBuilder().data(dataset.toAbsolutePath().toString())
                    .iterations(teacherSteps).build();
            Path teacherFile = work.resolve("teacher.json");
            Json.writeAtomically(teacherSpec, teacherFile);
            String[] teacherCommand = {"run", "--spec", teacherFile.toString(), "--runs", work.resolve("runs")
                .toString()};
            String[] table1Command = {"experiment", "table1", "--data", dataset.toAbsolutePath().toString(), "--out",
                work.resolve(TABLE1).toString(), "--preset", "cpu-demo", "--seeds", Integer.toString(seeds)};
            err().println("xmodal lesson-assets: training the RGB teacher (" + teacherSpec.iterations() + " steps)");
            if (XmodalCli.execute(teacherCommand) != 0) {
                err().println("xmodal lesson-assets: the teacher run failed; its folder is under " + work);
                return 1;
            }
            RunDirectory teacher = RunDirectory.list(work.resolve("runs")).get(0);
            // a stopped run exits 0 (it can be resumed), but the set needs a fully trained teacher
            if (teacher.status().state() != org.xmodal.engine.run.RunStatus.State.FINISHED) {
                err().println("xmodal lesson-assets: the teacher run did not finish (" + teacher.status().state()
                        + "); its folder is " + teacher.path());
                return 1;
            }
            err().println("xmodal lesson-assets: Table 1 with the cpu-demo preset, " + seeds + " seed(s)");
            if (XmodalCli.execute(table1Command) != 0) {
                err().println("xmodal lesson-assets: the Table 1 experiment failed; its folder is " + work.resolve(TABLE1));
                return 1;
            }
            Path staged = work.resolve("set");
            Path rooms = dataset.toAbsolutePath().normalize();
            Path set = out.toAbsolutePath().normalize();
            // a relative dataset is looked for beside a run's spec (RunSpecFiles), so it opens from any checkout
            copyRun(teacher, staged.resolve(TEACHER), teacherSpec.student().architecture(),
                    relative(set.resolve(TEACHER), rooms));
            Path results = staged.resolve(TABLE1).resolve("results");
            copyTree(new ExperimentLayout(work.resolve(TABLE1)).results(), results);
            // the browser report and its charts (3 MB) are drawn from the rest; the lesson draws its own
            OutputFiles.deleteTree(results.resolve("charts"));
            Files.deleteIfExists(results.resolve(ExperimentLayout.REPORT));
            namedAsInTheCheckout(results);
            // the drill-down looks for a relative dataset from the experiment's folder
            String data = relative(set.resolve(TABLE1), rooms);
            copyMistakeRuns(new ExperimentLayout(work.resolve(TABLE1)), new ExperimentLayout(staged.resolve(TABLE1)),
                    rooms, data);
            Files.writeString(staged.resolve(PROVENANCE), provenance(teacherSpec, teacher, staged, teacherCommand,
                    table1Command, data));
            replace(staged, out);
            out().println("wrote " + out + ": " + TEACHER + "/, " + TABLE1 + "/results/, " + TABLE1 + "/runs/ ("
                    + String.join(", ", MISTAKE_ARMS) + "), " + PROVENANCE);
            out().print(Files.readString(out.resolve(PROVENANCE)).lines().filter(l -> l.startsWith("- "))
                    .collect(Collectors.joining("\n", "", "\n")));
            return 0;
        } finally {
            OutputFiles.deleteTree(work);
        }
    }

    /**
     * The run folder without checkpoints or lock, its weights kept up to {@link #TAP}, its spec naming the dataset
     * {@code data}.
     */
    private static void copyRun(RunDirectory run, Path to, String architecture, String data) throws IOException {
        Files.createDirectories(to);
        copySpec(run.path().resolve(RunDirectory.SPEC), to.resolve(RunDirectory.SPEC), data);
        for (String f : List.of(RunDirectory.EVENTS, RunDirectory.METRICS)) {
            Files.copy(run.path().resolve(f), to.resolve(f));
        }
        copyTree(run.filters(), to.resolve(run.path().relativize(run.filters())));
        Path weights = run.path().resolve(RunSession.RESULT_WEIGHTS);
        FeatureNetwork network = NetworkFactory.create(architecture, 3, 0);
        java.util.Set<String> kept = network.parametersUpTo(TAP).keySet();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = NetworkWeights.read(weights, manager, kept::contains);
            if (!arrays.keySet().equals(kept)) {
                throw new IllegalStateException(weights + " lacks some of " + kept);
            }
            Path target = to.resolve(RunSession.RESULT_WEIGHTS);
            Files.createDirectories(target.getParent());
            NetworkWeights.saveArrays(arrays, target);
        }
    }

    /**
     * Copies the {@link #MISTAKE_FILES} of the {@link #MISTAKE_ARMS}' runs of {@link #MISTAKE_SEED} to where the run
     * index names them, each spec's {@code data} replaced by {@code data}: the runs recorded a temporary path (with
     * cpu-demo, a copy of the dataset extended with unlabelled train pairs, its test pairs the dataset's own), and
     * the drill-down looks for a relative dataset from the experiment's folder, so the set opens from any checkout.
     * The kept scores must give the stored AP on the dataset's test pairs, or the set is not written.
     *
     * @param data the dataset relative to the experiment's final folder
     */
    private static void copyMistakeRuns(ExperimentLayout from, ExperimentLayout to, Path dataset, String data)
            throws IOException {
        ExperimentLayout.RunIndex index = from.readRunIndex().orElseThrow(() -> new IllegalStateException(
                from.folder() + " has no run index"));
        int seed = index.seeds().indexOf(MISTAKE_SEED);
        Map<String, List<ObjectAnnotation>> truth = new LinkedHashMap<>();
        try (PairedDataset ds = DatasetLoaders.open(dataset)) {
            ds.labelled(Split.TEST).forEach(p -> truth.put(p.id(), p.annotation().objects()));
        }
        for (String arm : MISTAKE_ARMS) {
            List<String> ids = seed < 0 ? List.of() : index.runsOf(arm, seed);
            if (ids.size() != 1) {
                throw new IllegalStateException(from.runIndex() + " names no run of " + arm + ", seed " + MISTAKE_SEED);
            }
            Path run = from.run(ids.get(0));
            Path kept = to.run(ids.get(0));
            for (String f : MISTAKE_FILES) {
                Files.createDirectories(kept.resolve(f).getParent());
                if (f.equals(RunDirectory.SPEC)) {
                    copySpec(run.resolve(f), kept.resolve(f), data);
                } else {
                    Files.copy(run.resolve(f), kept.resolve(f));
                }
            }
            checkStoredAp(kept.resolve("results"), truth, dataset);
        }
    }

    /** What the drill-down checks: the scores judged on the dataset's test pairs give the AP the run stored. */
    private static void checkStoredAp(Path results, Map<String, List<ObjectAnnotation>> truth, Path dataset)
            throws IOException {
        RegionScores scores = RegionScores.read(results);
        Set<String> scored = scores.images().stream().map(RegionScores.ImageBoxes::id)
                .collect(Collectors.toSet());
        if (!scored.equals(truth.keySet())) {
            throw new IllegalStateException(results + " scores other images than the test pairs of " + dataset);
        }
        DetectionResult stored = Json.MAPPER.readValue(results.resolve(FinetuneResults.DETECTION_FILE).toFile(),
                DetectionResult.class);
        double again = DetectionEvaluation.evaluate(scores.detections(), truth, List.copyOf(stored.apPerClass()
                .keySet())).mAP();
        if (!(Math.abs(again - stored.mAP()) <= 1e-9)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: the scores give mAP %.6f on %s, the run "
                    + "stored %.6f", results, again, dataset, stored.mAP()));
        }
    }

    /** A run's spec with its dataset named {@code data}. */
    private static void copySpec(Path from, Path to, String data) throws IOException {
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree(from.toFile());
        spec.put("data", data);
        Json.writeAtomically(spec, to);
    }

    /** {@code to} relative to the folder {@code from}, as a spec names a dataset. */
    private static String relative(Path from, Path to) {
        return from.relativize(to).toString().replace('\\', '/');
    }

    /**
     * The experiment's summary and table name the dataset as a user of the checkout does ({@code
     * sample-data/synth-rgbd}), not by this machine's absolute path: they show it, nothing opens it from there.
     */
    private static void namedAsInTheCheckout(Path results) throws IOException {
        Path file = results.resolve(ExperimentLayout.SUMMARY);
        ExperimentSummary s = ExperimentSummary.read(file);
        String shown = shown(s.dataset());
        new ExperimentSummary(s.experiment(), s.metric(), s.arms(), s.task(), shown, s.preset()).write(file);
        Path table = results.resolve("table1.md");
        if (Files.isRegularFile(table)) {
            Files.writeString(table, Files.readString(table).replace(s.dataset(), shown));
        }
    }

    private String provenance(RunSpec spec, RunDirectory teacher, Path set, String[] teacherCommand,
                              String[] table1Command, String data) throws IOException {
        BuildInfo build = BuildInfo.get();
        RunDirectory kept = RunDirectory.open(set.resolve(TEACHER));
        double accuracy = kept.metrics().series("accuracy").values().stream().reduce((a, b) -> b).orElse(Double.NaN);
        Map<Long, Double> structure = kept.metrics().series(org.xmodal.engine.run.FilterStructure.METRIC);
        ExperimentSummary summary = ExperimentSummary.read(set.resolve(TABLE1).resolve("results")
                .resolve(ExperimentLayout.SUMMARY));
        String ordering = summary.arms().entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, ExperimentSummary.Arm> e) ->
                        -e.getValue().score().mean()))
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), 100 * e.getValue().score().mean()))
                .collect(Collectors.joining(" > "));
        StringBuilder s = new StringBuilder();
        s.append("# Where the lesson's ready-made results come from\n\n");
        s.append("Made by `./xmodal lesson-assets --out sample-data/lesson` (the class `LessonAssetsCommand`), which ran, "
                + "from a temporary folder:\n\n");
        s.append("    ./xmodal ").append(String.join(" ", teacherCommand).replace(teacherCommand[2], "<teacher.json>")
                .replace(teacherCommand[4], "<runs>")).append("\n");
        s.append("    ./xmodal ").append(String.join(" ", table1Command).replace(table1Command[5], "<table1>")
                .replace(table1Command[3], shown(table1Command[3]))).append("\n\n");
        String teacherData = Json.MAPPER.readTree(set.resolve(TEACHER).resolve(RunDirectory.SPEC).toFile())
                .path("data").asText();
        s.append("where `<teacher.json>` is `assets/presets/teacher-cpu-demo.json` with `data` set to the dataset and "
                + "`iterations` to " + spec.iterations() + " (`--teacher-steps`: the class never waits for it, and "
                + "its filters are smoother than at the preset's 600). "
                + "Kept: the teacher's run folder without its checkpoints, its weights up to ").append(TAP)
                .append(" (what a transfer and the lesson use; its `spec.json` names the dataset relative to its "
                        + "folder, `").append(teacherData).append("`); the experiment's `results/` without its "
                        + "browser report and charts (its `summary.json` and `table1.md` name the dataset `")
                .append(shown(table1Command[3])).append("`); and, for the mistakes of the arms ")
                .append(String.join(" and ", MISTAKE_ARMS)).append(" (seed ").append(MISTAKE_SEED)
                .append("), of their fine-tuning runs under `table1/runs/` only what the mistakes are found from: ")
                .append(MISTAKE_FILES.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", ")))
                .append("; no weights, checkpoints or logs. Their `spec.json` names the dataset relative to `table1/` "
                        + "(`").append(data).append("`) in place of the temporary path the run recorded (the preset's "
                        + "copy of the dataset extended with unlabelled train pairs; its test pairs are the dataset's "
                        + "own); their other paths still name the temporary folder. The command checked that their "
                        + "scores give the stored AP on the dataset's test pairs.\n\n");
        s.append("## Facts\n\n");
        s.append(String.format(Locale.ROOT, "- made %s with xmodal %s (DJL %s, PyTorch %s, %s natives)%n",
                Instant.now().toString().substring(0, 19) + "Z", build.version(), build.djlVersion(),
                build.pytorchVersion(), build.nativeFlavour()));
        s.append(String.format(Locale.ROOT, "- machine: %s, %d cores, PyTorch CPU kernels %s%n", cpuModel(),
                Runtime.getRuntime().availableProcessors(), CpuKernels.configure().describe()));
        s.append(String.format(Locale.ROOT, "- teacher: %s, %d steps, test accuracy %.3f, conv1 filterStructure %.2f "
                + "(random start %.2f)%n", spec.student().architecture(), spec.iterations(), accuracy,
                structure.values().stream().reduce((a, b) -> b).orElse(Double.NaN),
                structure.getOrDefault(0L, Double.NaN)));
        s.append("- Table 1 (mAP %, ").append(summary.arms().values().iterator().next().score().seeds().size())
                .append(" seed(s)): ").append(ordering).append("\n");
        return s.toString();
    }

    /** A path inside the workbench folder as the relative path a user types there; others as they are. */
    private static String shown(String path) {
        Path root = Path.of(System.getProperty("xmodal.root", ".")).toAbsolutePath().normalize();
        Path p = Path.of(path).toAbsolutePath().normalize();
        return p.startsWith(root) ? root.relativize(p).toString() : path;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name") || l.startsWith("cpu family")).distinct().limit(2)
                    .map(l -> l.replaceAll("\\s+:\\s+", " ")).collect(Collectors.joining(", "));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Puts the staged set in place of {@code out}: nothing of an older set is left mixed with the new one. */
    private static void replace(Path staged, Path out) throws IOException {
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path old = abs.resolveSibling(abs.getFileName() + ".old");
        OutputFiles.deleteTree(old);
        if (Files.exists(abs)) {
            Files.move(abs, old);
        }
        copyTree(staged, abs);
        OutputFiles.deleteTree(old);
    }
}
