package org.xmodal.engine.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.folder.DatasetCorruptor;
import org.xmodal.engine.data.folder.DatasetManifest;
import org.xmodal.engine.data.folder.FolderDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * Writes a synthetic dataset in the project's folder format: the RGB-D scenes in the output folder, and the flow
 * sequences and the action clips, when asked for, as datasets of modality "flow" in its {@code flow/} and
 * {@code actions/} subfolders; without RGB-D scenes, the one of them asked for is written in the output folder
 * itself. Scenes, sequences and clips are made in parallel, each from its own seed, and the manifests list pairs
 * sorted by id, so the files do not depend on the number of threads.
 */
public final class SynthDatasetWriter {
    /** Depth is stored in millimetres. */
    public static final double DEPTH_UNITS_PER_METRE = 1000;
    public static final String FLOW_FOLDER = "flow";
    public static final String ACTIONS_FOLDER = "actions";

    private SynthDatasetWriter() {
    }

    /**
     * What was written.
     *
     * @param flowPairs   pairs of the flow sequences
     * @param actionClips action clips of all classes; {@code actionPairs} their pairs
     * @param corruption  the noisy pairs made of the RGB-D scenes ({@code --corrupt}), or null for a clean dataset
     */
    public record Summary(int depthPairs, int flowPairs, int actionClips, int actionPairs, long bytes,
                          Duration elapsed, DatasetCorruptor.Report corruption) {
        static Summary of(SynthConfig config, long bytes, long startNanos, DatasetCorruptor.Report corruption) {
            int pairsPerSequence = config.framesPerSequence() - 1;
            int clips = config.actions() * ActionKind.values().length;
            return new Summary(config.scenes(), config.flowSequences() * pairsPerSequence, clips,
                    clips * pairsPerSequence, bytes, Duration.ofNanos(System.nanoTime() - startNanos), corruption);
        }
    }

    /** Where the flow sequences of {@code config} go: {@code out/flow}, or {@code out} itself with no RGB-D scenes. */
    public static Path flowFolder(SynthConfig config, Path out) {
        return config.scenes() > 0 ? out.resolve(FLOW_FOLDER) : out;
    }

    /** Where the action clips go: {@code out/actions}, or {@code out} itself with no RGB-D scenes. */
    public static Path actionsFolder(SynthConfig config, Path out) {
        return config.scenes() > 0 ? out.resolve(ACTIONS_FOLDER) : out;
    }

    /**
     * Noisy pairs to make of the RGB-D scenes once they are generated ({@code xmodal synth --corrupt}): the share of
     * train pairs whose RGB is spoiled, and the kinds drawn from (see {@link DatasetCorruptor}).
     */
    public record Corrupting(double fraction, Set<Corruption.Kind> kinds) {
        public Corrupting {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("--corrupt must be between 0 and 1, got " + fraction);
            }
            if (kinds == null || kinds.isEmpty()) {
                throw new IllegalArgumentException("--corruptions names no kind; choose some of shift, neighbour, "
                        + "occlusion, blank and swap");
            }
            kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        }

        /** The options that ask for this, as the command line writes them. */
        String options() {
            String f = Double.toString(fraction);
            return " --corrupt " + f + (kinds.size() == Corruption.Kind.values().length ? ""
                    : " --corruptions " + kinds.stream().map(Corruption.Kind::id).collect(Collectors.joining(",")));
        }
    }

    /**
     * @param force   replace an earlier synth output in {@code out}
     * @param threads worker threads (the output does not depend on them)
     * @throws IllegalArgumentException when {@code out} cannot be written into (see {@link SynthOutputFolder})
     */
    public static Summary write(SynthConfig config, Path out, boolean force, int threads, ProgressListener progress,
                                Cancellation cancellation) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        long start = System.nanoTime();
        SynthOutputFolder.prepare(out, force);
        generate(config, out, threads, progress, cancellation, config.provenance());
        SynthOutputFolder.finish(out);
        return Summary.of(config, size(out), start, null);
    }

    /**
     * As {@link #write(SynthConfig, Path, boolean, int, ProgressListener, Cancellation)}, then corrupts the RGB-D
     * scenes' train pairs as {@code corrupting} asks, with the dataset's seed: the scenes are generated in a temporary
     * folder beside {@code out} and {@link DatasetCorruptor} writes the noisy copy into {@code out}. The flow
     * sequences (in {@code out/flow}) are copied clean. The same arguments still write byte-identical files.
     *
     * @param corrupting null for a clean dataset (exactly as the method without it)
     */
    public static Summary write(SynthConfig config, Path out, boolean force, int threads, ProgressListener progress,
                                Cancellation cancellation, Corrupting corrupting) throws IOException {
        if (corrupting == null) {
            return write(config, out, force, threads, progress, cancellation);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (config.scenes() == 0) {
            throw new IllegalArgumentException("--corrupt spoils the RGB-D scenes' train pairs; add --scenes N");
        }
        long start = System.nanoTime();
        SynthOutputFolder.prepare(out, force);
        Path parent = out.toAbsolutePath().normalize().getParent();
        Path clean = Files.createTempDirectory(parent, ".xmodal-synth-clean-");
        try {
            Map<String, Object> provenance = new LinkedHashMap<>(config.provenance());
            provenance.put("command", config.command() + corrupting.options());
            generate(config, clean, threads, (m, f) -> progress.progress(m, f < 0 ? f : 0.8 * f), cancellation,
                    provenance);
            cancellation.check();
            DatasetCorruptor.Report report = DatasetCorruptor.corruptInto(clean, out,
                    "xmodal synth (the generated dataset before corruption)", corrupting.fraction(), config.seed(),
                    corrupting.kinds(), (m, f) -> progress.progress(m, f < 0 ? f : 0.8 + 0.2 * f));
            SynthOutputFolder.finish(out);
            return Summary.of(config, size(out), start, report);
        } finally {
            org.xmodal.engine.image.OutputFiles.deleteTree(clean);
        }
    }

    private static void generate(SynthConfig config, Path out, int threads, ProgressListener progress,
                                 Cancellation cancellation, Map<String, Object> provenance) throws IOException {
        SynthGenerator generator = new SynthGenerator(config);
        List<String> rooms = config.sceneClasses();
        FolderDatasetWriter depth = config.scenes() == 0 ? null
                : writer(generator, out, Modality.DEPTH, "synth-rgbd-seed", rooms, config.taskIrrelevant(), provenance);
        FolderDatasetWriter flow = config.flowSequences() == 0 ? null
                : writer(generator, flowFolder(config, out), Modality.FLOW, "synth-flow-seed", rooms,
                config.taskIrrelevant(), provenance);
        FolderDatasetWriter actions = config.actions() == 0 ? null
                : writer(generator, actionsFolder(config, out), Modality.FLOW, "synth-actions-seed", ActionKind.ids(),
                List.of(), provenance);

        int k = config.framesPerSequence();
        int total = config.scenes() + (config.flowSequences() + config.actions() * ActionKind.values().length) * k;
        AtomicInteger done = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        // Sequences and clips are the longest tasks: started first, they do not hold up the end of the run.
        for (int s = 0; s < config.flowSequences(); s++) {
            int index = s;
            tasks.add(() -> {
                writeSequence(flow, generator.sequence(index));
                report(progress, done.addAndGet(k), total);
            });
        }
        ActionClipGenerator clips = new ActionClipGenerator(config);
        for (int j = 0; j < config.actions(); j++) {
            for (ActionKind kind : ActionKind.values()) {
                int clip = j;
                tasks.add(() -> {
                    writeSequence(actions, clips.clip(kind, clip));
                    report(progress, done.addAndGet(k), total);
                });
            }
        }
        for (int i = 0; i < config.scenes(); i++) {
            int index = i;
            tasks.add(() -> {
                writeScene(depth, generator.scene(index));
                report(progress, done.incrementAndGet(), total);
            });
        }
        run(tasks, threads, cancellation);
        for (FolderDatasetWriter writer : new FolderDatasetWriter[] {actions, flow, depth}) {
            if (writer != null) {
                writer.finish();
            }
        }
    }

    /** A writer of one of the datasets, named by {@code prefix} and the seed. */
    private static FolderDatasetWriter writer(SynthGenerator generator, Path root, Modality modality, String prefix,
                                              List<String> sceneClasses, List<String> taskIrrelevant,
                                              Map<String, Object> provenance) throws IOException {
        return new FolderDatasetWriter(root, prefix + generator.config().seed(), modality, generator.intrinsics(),
                DEPTH_UNITS_PER_METRE, DetectionClasses.NYUD2_19, sceneClasses, provenance)
                .taskIrrelevantScenes(taskIrrelevant);
    }

    private static void writeScene(FolderDatasetWriter writer, SynthScene s) {
        try {
            writer.addDepthPair(s.id(), s.split(), s.labelled(), s.rgb(), s.filledDepth(), s.rawDepth(),
                    s.annotation(), s.instances());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a flow sequence or an action clip: its frames, and each pair's flow, annotation and instances. */
    private static void writeSequence(FolderDatasetWriter writer, SynthSequence s) {
        try {
            for (int t = 0; t < s.frames().size(); t++) {
                writer.writeRgb(framePath(s, t), s.frames().get(t));
            }
            for (int t = 0; t < s.pairIds().size(); t++) {
                String id = s.pairIds().get(t);
                String flowPath = writer.writeFlow("flow/" + id + ".flo", s.flows().get(t));
                String annotations = writer.writeAnnotation("annotations/" + id + ".json", s.annotations().get(t));
                int[] ids = s.instances().get(t);
                String instances = writer.writeInstances("instances/" + id + ".png", s.frames().get(t).width(),
                        s.frames().get(t).height(), ids);
                writer.addEntry(new DatasetManifest.Entry(id, s.split().id(), s.labelled().get(t),
                        framePath(s, t), null, null, framePath(s, t + 1), flowPath, annotations, instances));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String framePath(SynthSequence s, int frame) {
        return "rgb/" + s.frameIds().get(frame) + ".png";
    }

    private static void report(ProgressListener progress, int done, int total) {
        progress.progress("rendered " + done + " of " + total + " frames", done / (double) total);
    }

    /** Runs the tasks on a pool; the first failure (or a cancellation) stops the rest and is rethrown. */
    private static void run(List<Runnable> tasks, int threads, Cancellation cancellation) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synth-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(() -> {
                    cancellation.check();
                    task.run();
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long total = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }
}
