package org.xmodal.app.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.runs.Presets;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * What the lesson's steps share: the bundled rooms (opened once, for every step), the pair the lesson looks at, the
 * committed RGB teacher and Table 1 result ({@code sample-data/lesson}), and the transfer run's spec (the CPU demo
 * preset, from that teacher). Safe to use from any thread.
 */
public final class LessonMaterial implements AutoCloseable {
    /** The folder of the committed teacher and Table 1 result, under the workbench's folder. */
    public static final String FOLDER = "sample-data/lesson";
    /**
     * Which pair the lesson shows: the bundled rooms' eighth (a kitchen with six objects and the floor in view; the
     * pair the screenshots show in the Data view).
     */
    static final int PAIR = 7;

    private final WorkbenchContext context;
    private final Path root;
    private PairedDataset dataset;
    /** Whether {@link #dataset} is the window's own (the Data view's), which the lesson must not close. */
    private boolean borrowed;

    private LessonMaterial(WorkbenchContext context, Path root) {
        this.context = context;
        this.root = root;
    }

    /**
     * The lesson's material in the workbench's folder.
     *
     * @throws BadInputException naming what is missing when the workbench's folder has no bundled rooms or no
     *     lesson results (a copy of the workbench without {@code sample-data/})
     */
    public static LessonMaterial of(WorkbenchContext context) throws BadInputException {
        Path root = Presets.workbenchRoot().orElseThrow(() -> new BadInputException(Path.of(Presets.FOLDER),
                "is not in the working folder or its parent: the lesson needs the workbench's own folder (start it "
                        + "with ./xmodal lesson from there)"));
        return of(context, root);
    }

    /** The lesson's material in the workbench folder {@code root}. */
    static LessonMaterial of(WorkbenchContext context, Path root) throws BadInputException {
        LessonMaterial m = new LessonMaterial(context, root);
        for (Path p : List.of(m.rooms(), m.teacherRun(), m.table1())) {
            if (!Files.isDirectory(p)) {
                throw new BadInputException(p, "is missing: the lesson is made from the bundled rooms and the "
                        + "committed teacher and Table 1 result (git checkout -- sample-data restores them)");
            }
        }
        return m;
    }

    public WorkbenchContext context() {
        return context;
    }

    /** The bundled RGB-D rooms. */
    public Path rooms() {
        return root.resolve("sample-data/synth-rgbd");
    }

    /** The committed RGB teacher's run folder (its weights are in {@code results/weights.params}). */
    public Path teacherRun() {
        return root.resolve(FOLDER).resolve("rgb-teacher");
    }

    /** The committed Table 1 experiment folder. */
    public Path table1() {
        return root.resolve(FOLDER).resolve("table1");
    }

    /** The teacher's weights file. */
    public Path teacherWeights() {
        return teacherRun().resolve("results/weights.params");
    }

    /**
     * The rooms: the window's own dataset when the Data view shows them (as it does on the bundled data; checking
     * their 200 pairs again would cost seconds of both cores), else opened on the first call and kept open.
     */
    public synchronized PairedDataset dataset(ProgressListener progress, Cancellation cancel) throws IOException {
        if (dataset == null) {
            dataset = context.session().openedFolder(rooms()).orElse(null);
            borrowed = dataset != null;
            if (!borrowed) {
                dataset = DatasetLoaders.open(rooms(), progress, cancel);
            }
        }
        return dataset;
    }

    /** The pair the lesson shows. */
    public Pair pair(ProgressListener progress, Cancellation cancel) throws IOException {
        List<Pair> all = dataset(progress, cancel).pairs();
        if (all.isEmpty()) {
            throw new BadInputException(rooms(), "has no pairs");
        }
        return all.get(Math.min(PAIR, all.size() - 1));
    }

    /**
     * The CPU demo transfer preset from the committed teacher, on the bundled rooms, named {@code name}, for
     * {@code iterations} steps, with a filter snapshot every {@code snapshotEvery} steps (so the class sees the
     * filters form) and a checkpoint at every second snapshot.
     */
    public RunSpec transferSpec(String name, int iterations, int snapshotEvery) throws IOException {
        List<Presets.Preset> presets = Presets.list(root);
        Presets.Preset preset = presets.stream().filter(p -> p.name().equals("transfer-cpu-demo")).findFirst()
                .orElseThrow(() -> new BadInputException(root.resolve(Presets.FOLDER), "has no transfer-cpu-demo.json"));
        RunSpec s = Presets.load(preset, root, context.runs().root());
        List<Integer> snapshots = new java.util.ArrayList<>();
        for (int k = snapshotEvery; k < iterations; k += snapshotEvery) {
            snapshots.add(k);
        }
        return s.toBuilder().name(name).data(rooms().toString())
                .teacher(s.teacher().withWeights(teacherRun().toString())).iterations(iterations)
                .checkpointEvery(2 * snapshotEvery).filterSnapshots(snapshots).launch(null).build();
    }

    @Override
    public synchronized void close() throws IOException {
        if (dataset != null) {
            if (!borrowed) {
                dataset.close();
            }
            dataset = null;
        }
    }
}
