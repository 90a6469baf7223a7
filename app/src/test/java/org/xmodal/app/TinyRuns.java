package org.xmodal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.transfer.TeacherRun;
import org.xmodal.engine.transfer.TransferRun;

/**
 * Two finished runs on a tiny synthetic dataset, made once per test JVM (a few seconds) and shared by the tests of
 * the filters and features views: an RGB teacher (checkpoints at steps 2 and 4, final weights) and a supervision
 * transfer from it to a depth student (checkpoints at 2, 4 and 6). Made in this process, as fixtures: the workbench
 * itself only ever trains in engine processes.
 *
 * @param home    the folder holding them: {@code runs/} (the runs), {@code rooms/} (the dataset), {@code cache/}
 */
public record TinyRuns(Path home, RunDirectory teacher, RunDirectory transfer) {
    public static final int INPUT = 64;
    private static TinyRuns made;

    public static synchronized TinyRuns get() {
        if (made == null) {
            try {
                made = make(Files.createTempDirectory("xmodal-tiny-runs"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path home = made.home();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(home)));
        }
        return made;
    }

    public Path runs() {
        return home.resolve("runs");
    }

    public Path data() {
        return home.resolve("rooms");
    }

    private static TinyRuns make(Path home) throws IOException {
        Path data = TestData.tinySynth(home.resolve("rooms"), 12, 0);
        EncodingCache cache = new EncodingCache(home.resolve("cache"));
        RunSpec t = RunSpec.builder().name("tiny-teacher").kind("teacher").data(data.toString()).modality("depth")
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0)).batchSize(4).iterations(4).inputSize(INPUT)
                .seed(3).device("cpu").threads(1).checkpointEvery(2).logEvery(1).build();
        RunDirectory teacher = RunDirectory.create(home.resolve("runs"), t);
        check(TeacherRun.execute(teacher, false, ProgressListener.NONE, TrainingLoop.Listener.NONE,
                Cancellation.NEVER));
        RunSpec s = RunSpec.builder().name("tiny-transfer").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("network", "alexnet-small", teacher.path().toString(), "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 0))
                .batchSize(4).iterations(6).inputSize(INPUT).seed(5).device("cpu").threads(1).checkpointEvery(2)
                .logEvery(1).build();
        RunDirectory transfer = RunDirectory.create(home.resolve("runs"), s);
        check(TransferRun.execute(transfer, false, cache, ProgressListener.NONE, TrainingLoop.Listener.NONE,
                Cancellation.NEVER));
        return new TinyRuns(home, teacher, transfer);
    }

    private static void check(TrainingLoop.Outcome o) {
        if (o != TrainingLoop.Outcome.FINISHED) {
            throw new IllegalStateException("a fixture run ended " + o);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
