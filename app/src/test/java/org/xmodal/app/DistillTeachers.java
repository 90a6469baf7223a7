package org.xmodal.app;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;

/**
 * RGB teachers for distill specs in tests, drawn at random rather than trained (what the engine checks of a teacher
 * is its architecture, its layers and whether it has a classifier of the dataset's classes): {@code resnet18-small}
 * weights files with or without a classifier, and finished runs that hold them, as {@code runs/<name>} finds them.
 */
public final class DistillTeachers {
    public static final String ARCHITECTURE = NetworkFactory.RESNET18_SMALL;

    private DistillTeachers() {
    }

    /** A teacher without a classifier (as a transfer student's weights are): kd cannot use it. */
    public static Path headless(Path dir) {
        return weights(dir.resolve("headless-teacher.params"), 0);
    }

    /** A teacher with a classifier of {@code classes} classes. */
    public static Path classifier(Path dir, int classes) {
        return weights(dir.resolve("teacher-" + classes + ".params"), classes);
    }

    private static Path weights(Path file, int classes) {
        if (Files.exists(file)) {
            return file;
        }
        FeatureNetwork net = NetworkFactory.create(ARCHITECTURE, 3, classes);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, new Shape(1, 3, 64, 64), 1);
            Files.createDirectories(file.getParent());
            NetworkWeights.save(net, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A finished run of {@code spec} in {@code runs} whose final weights are {@code weights}. */
    public static Path finishedRun(Path runs, RunSpec spec, Path weights) {
        try {
            RunDirectory run = RunDirectory.create(runs, spec);
            Path target = run.path().resolve(RunSession.RESULT_WEIGHTS);
            Files.createDirectories(target.getParent());
            Files.copy(weights, target);
            run.append(RunEvent.of(RunEvent.STARTED, 0).with("iterations", spec.iterations()));
            run.append(RunEvent.of(RunEvent.FINISHED, spec.iterations()));
            return run.path();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
