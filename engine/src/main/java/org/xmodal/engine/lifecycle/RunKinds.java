package org.xmodal.engine.lifecycle;

import org.xmodal.engine.run.TeacherSource;
import org.xmodal.engine.run.RunKind;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.distill.DistillRun;
import org.xmodal.engine.socket.SocketRun;
import org.xmodal.engine.lifecycle.Devices;
import org.xmodal.engine.transfer.Teachers;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.finetune.FinetuneRun;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunLock;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.transfer.TeacherRun;
import org.xmodal.engine.transfer.TransferRun;

/**
 * Runs (or resumes) a run in this process with the code of its spec's kind, holding the run's lock throughout so that
 * no second engine trains it at the same time ({@link RunLock}).
 */
public final class RunKinds {
    private RunKinds() {
    }

    /**
     * What can be told wrong about a spec before a run folder is made for it: a device this machine does not have,
     * a dataset, teacher or initial weights that do not exist, an architecture the engine does not know, a scenes or
     * clips fine-tuning task on a dataset without scene classes ({@link FinetuneRun#check}). (A run that failed on
     * these after its folder was made stayed "created" for ever.)
     *
     * @throws BadInputException naming the path that does not exist
     * @throws IllegalArgumentException naming the field that cannot be met here
     */
    public static void check(RunSpec spec) throws IOException {
        Devices.resolveAll(spec.device().id());
        if (spec.data() == null || !Files.exists(Path.of(spec.data()))) {
            throw new BadInputException(String.valueOf(spec.data()), "does not exist (the spec's data)");
        }
        FeatureNetwork student = NetworkFactory.create(spec.student().architecture(), 3, 0);
        if (spec.kind() == RunKind.TRANSFER) {
            tap("student.tap", student, spec.student().tap());
        }
        RunSpec.Finetune ft = spec.finetune();
        if (ft != null && ft.freezeUpTo() != null) {
            tap("finetune.freezeUpTo", student, ft.freezeUpTo());
        }
        RunSpec.Teacher t = spec.teacher();
        if (spec.kind() == RunKind.TRANSFER && t != null) {
            if (t.source() != TeacherSource.TORCHSCRIPT) {
                if (t.architecture() == null) {
                    throw new IllegalArgumentException("teacher.architecture is required for a " + t.source()
                            + " teacher");
                }
                tap("teacher.tap", NetworkFactory.create(t.architecture(), 3, 0), t.tap());
            }
            if (t.source() != TeacherSource.RANDOM) {
                weights(t.weights(), "teacher.weights");
            }
        }
        String init = spec.student().init();
        if (init != null && !init.equals("random")) {
            weights(init, "student.init");
        }
        RunSpec.Finetune f = spec.finetune();
        if (f != null && f.init() != null && !f.init().equals("random")) {
            weights(f.init(), "finetune.init");
        }
        if (spec.socket() != null) {
            weights(spec.socket().source(), "socket.source");
        }
        if (spec.kind() == RunKind.DISTILL) {
            DistillRun.check(spec);
        }
        if (spec.kind() == RunKind.FINETUNE) {
            FinetuneRun.check(spec);
        }
        if (spec.optimizer().backboneFactor() != 1 && spec.kind() != RunKind.FINETUNE
                && spec.kind() != RunKind.SOCKET) {
            throw new IllegalArgumentException("optimizer.backboneRate applies to finetune and socket runs (a "
                    + spec.kind().id() + " run trains every layer at the base rate): remove it");
        }
    }

    /** Refuses a layer the network does not have, naming the field and the layers it has (null: pool5). */
    private static void tap(String field, FeatureNetwork network, String tap) {
        String t = tap == null ? "pool5" : tap;
        List<String> taps = network.taps();
        if (!taps.contains(t)) {
            throw new IllegalArgumentException(field + " must be one of " + network.architecture() + "'s layers "
                    + String.join(", ", taps) + ", not '" + t + "'");
        }
    }

    private static void weights(String path, String field) throws IOException {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(field + " must name a weights file or a run folder");
        }
        Teachers.weightsFor(path, field);
    }

    public static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, EncodingCache cache,
                                               ProgressListener preparation, TrainingLoop.Listener listener,
                                               Cancellation cancel) throws IOException {
        try (RunLock lock = RunLock.acquire(run.path())) {
            // the preparation goes to events.jsonl too, so a window shows it rather than "created"
            PreparationEvents prepare = new PreparationEvents(run, preparation);
            TrainingLoop.Listener steps = prepare.until(listener);
            // MLflow, when the spec asks for it: sent from a thread of its own, ended (artifacts, state) at the end
            java.util.Optional<org.xmodal.engine.tracking.MlflowTracking> tracking =
                    org.xmodal.engine.tracking.MlflowTracking.start(run);
            try {
                return switch (run.spec().kind()) {
                    case TEACHER -> TeacherRun.execute(run, resume, prepare, steps, cancel);
                    case FINETUNE -> FinetuneRun.execute(run, resume, cache, prepare, steps, cancel);
                    case TRANSFER -> TransferRun.execute(run, resume, cache, prepare, steps, cancel);
                    case SOCKET -> SocketRun.execute(run, resume, cache, prepare, steps, cancel);
                    case DISTILL -> DistillRun.execute(run, resume, cache, prepare, steps, cancel);
                };
            } catch (CancellationException e) {
                // stopped outside the training loop (which writes its own stop): say so, or the run would read as
                // running (preparing) until its process is gone, for whatever started it (a terminal, an experiment)
                long step = run.status().step();
                run.append(RunEvent.of(RunEvent.STOPPED, step).with("reason", step == 0 ? "stopped while preparing"
                        : "stopped by the user"));
                throw e;
            } finally {
                tracking.ifPresent(org.xmodal.engine.tracking.MlflowTracking::close);
            }
        }
    }
}
