package org.xmodal.engine.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.device.CpuKernels;
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
 * lesson use) and a one-seed Table 1 with the cpu-demo preset ({@code table1/results/}), with {@code PROVENANCE.md}
 * saying how, on which build and machine. Floats differ by CPU, so a set made elsewhere tells the same story (the
 * same Table 1 ordering), not the same digits.
 */
@Command(name = "lesson-assets", mixinStandardHelpOptions = true, description = {
    "Makes the lesson's ready-made results with the project's own commands: the teacher preset's RGB teacher and a "
        + "one-seed Table 1 (cpu-demo), with PROVENANCE.md. About 10 minutes on two CPU cores."})
final class LessonAssetsCommand extends CliCommand implements Callable<Integer> {
    /** The teacher's folder in the set. */
    static final String TEACHER = "rgb-teacher";
    /** The Table 1 experiment's folder in the set (its results/ only). */
    static final String TABLE1 = "table1";
    static final String PROVENANCE = "PROVENANCE.md";
    /**
     * The Table 1 arms whose fine-tuning runs are kept (spec and stored scores, no weights), so that the lesson and
     * the Results view can show their mistakes: the scratch detector and the transferred one.
     */
    static final List<String> MISTAKE_ARMS = List.of("no-init", "transfer");
    /** What of such a run's {@code results/} is kept. */
    static final List<String> MISTAKE_FILES = List.of(RegionScores.SCORES_FILE, RegionScores.INDEX_FILE,
            FinetuneResults.DETECTION_FILE, FinetuneResults.AP_FILE);
    /** The layer the lesson's teacher is kept up to (the paper's transfer layer). */
    static final String TAP = "pool5";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the set (replaced).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The paired dataset (default: the bundled sample-data/synth-rgbd).")
    Path data;

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
                    .build();
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
            err().println("xmodal lesson-assets: Table 1 with the cpu-demo preset, " + seeds + " seed(s)");
            if (XmodalCli.execute(table1Command) != 0) {
                err().println("xmodal lesson-assets: the Table 1 experiment failed; its folder is " + work.resolve(TABLE1));
                return 1;
            }
            Path staged = work.resolve("set");
            copyRun(teacher, staged.resolve(TEACHER), teacherSpec.student().architecture());
            Path results = staged.resolve(TABLE1).resolve("results");
            copyTree(new ExperimentLayout(work.resolve(TABLE1)).results(), results);
            // the browser report and its charts (3 MB) are drawn from the rest; the lesson draws its own
            OutputFiles.deleteTree(results.resolve("charts"));
            Files.deleteIfExists(results.resolve(ExperimentLayout.REPORT));
            copyMistakeRuns(new ExperimentLayout(work.resolve(TABLE1)), new ExperimentLayout(staged.resolve(TABLE1)),
                    dataset.toAbsolutePath().normalize(), out.toAbsolutePath().normalize().resolve(TABLE1));
            Files.writeString(staged.resolve(PROVENANCE), provenance(teacherSpec, teacher, staged, teacherCommand,
                    table1Command));
            replace(staged, out);
            out().println("wrote " + out + ": " + TEACHER + "/, " + TABLE1 + "/results/, " + PROVENANCE);
            out().print(Files.readString(out.resolve(PROVENANCE)).lines().filter(l -> l.startsWith("- "))
                    .collect(Collectors.joining("\n", "", "\n")));
            return 0;
        } finally {
            OutputFiles.deleteTree(work);
        }
    }

    /** The run folder without checkpoints or lock, its weights kept up to {@link #TAP}. */
    private static void copyRun(RunDirectory run, Path to, String architecture) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of(RunDirectory.SPEC, RunDirectory.EVENTS, RunDirectory.METRICS)) {
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
     * Copies the spec and stored scores of the {@link #MISTAKE_ARMS}' runs, every seed, to where the experiment's run
     * index names them, the spec's dataset written relative to the experiment's final folder (which is where a
     * relative dataset is looked for when the working folder has none), so that the set works wherever it is cloned.
     */
    private static void copyMistakeRuns(ExperimentLayout from, ExperimentLayout to, Path dataset, Path finalFolder)
            throws IOException {
        ExperimentLayout.RunIndex index = from.readRunIndex().orElseThrow(() -> new IllegalStateException(
                from.folder() + " has no run index"));
        String data = finalFolder.relativize(dataset).toString();
        for (String arm : MISTAKE_ARMS) {
            for (List<String> ids : index.arms().getOrDefault(arm, List.of())) {
                Path run = from.run(ids.get(0));
                Path kept = to.run(ids.get(0));
                Files.createDirectories(kept.resolve("results"));
                com.fasterxml.jackson.databind.node.ObjectNode spec = (com.fasterxml.jackson.databind.node.ObjectNode)
                        Json.MAPPER.readTree(run.resolve(RunDirectory.SPEC).toFile());
                spec.put("data", data);
                Files.writeString(kept.resolve(RunDirectory.SPEC), Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(spec));
                for (String f : MISTAKE_FILES) {
                    Files.copy(run.resolve("results").resolve(f), kept.resolve("results").resolve(f));
                }
            }
        }
    }

    private String provenance(RunSpec spec, RunDirectory teacher, Path set, String[] teacherCommand,
                              String[] table1Command) throws IOException {
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
        s.append("where `<teacher.json>` is `assets/presets/teacher-cpu-demo.json` with `data` set to the dataset. "
                + "Kept: the teacher's run folder without its checkpoints, its weights up to ").append(TAP)
                .append(" (what a transfer and the lesson use), the experiment's `results/` without its browser "
                        + "report and charts, and of the fine-tuning runs of the arms ")
                .append(String.join(" and ", MISTAKE_ARMS)).append(" their `spec.json` (its `data` relative to the "
                        + "experiment's folder) and `results/` scores, detections and APs, no weights: what the "
                        + "mistakes of each detector are found from.\n\n");
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
