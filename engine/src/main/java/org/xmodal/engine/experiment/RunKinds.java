package org.xmodal.engine.experiment;

import java.io.IOException;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.finetune.FinetuneRun;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.transfer.TeacherRun;
import org.xmodal.engine.transfer.TransferRun;

/** Runs (or resumes) a run in this process with the code of its spec's kind. */
public final class RunKinds {
    private RunKinds() {
    }

    public static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, EncodingCache cache,
                                               ProgressListener preparation, TrainingLoop.Listener listener,
                                               Cancellation cancel) throws IOException {
        return switch (run.spec().kind()) {
            case "teacher" -> TeacherRun.execute(run, resume, preparation, listener, cancel);
            case "finetune" -> FinetuneRun.execute(run, resume, cache, preparation, listener, cancel);
            default -> TransferRun.execute(run, resume, cache, preparation, listener, cancel);
        };
    }
}
