package org.xmodal.app;

import java.util.Optional;
import org.xmodal.app.data.DatasetSession;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.task.LongWork;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.encode.EncodingCache;

/** What every view shares: where work runs, how problems are told, the open dataset, the encoding cache. */
public record WorkbenchContext(TaskExecutor executor, LongWork work, ProblemReporter problems,
                               DatasetSession session, EncodingCache cache, Optional<SampleData> sample) {

    public static WorkbenchContext create(TaskExecutor executor, ProblemReporter problems, EncodingCache cache,
                                          Optional<SampleData> sample) {
        LongWork work = new LongWork(executor);
        return new WorkbenchContext(executor, work, problems, new DatasetSession(work, problems), cache, sample);
    }
}
