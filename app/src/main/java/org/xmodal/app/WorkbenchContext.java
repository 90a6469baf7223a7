package org.xmodal.app;

import java.util.Optional;
import org.xmodal.app.data.DatasetSession;
import org.xmodal.app.runs.RunLibrary;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.task.LongWork;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.encode.EncodingCache;

/**
 * What every view shares: where work runs, how problems are told, the open dataset, the encoding cache, and the
 * folder of runs (how runs start, and the runs it holds), and how one view asks for a new run's form.
 */
public record WorkbenchContext(TaskExecutor executor, LongWork work, ProblemReporter problems,
                               DatasetSession session, EncodingCache cache, Optional<SampleData> sample,
                               RunsSetup runsSetup, RunLibrary runs, NewRunRequests newRuns) {

    /** With the standard folder of runs ({@code <workbench>/runs}) and engine processes like this JVM. */
    public static WorkbenchContext create(TaskExecutor executor, ProblemReporter problems, EncodingCache cache,
                                          Optional<SampleData> sample) {
        return create(executor, problems, cache, sample, RunsSetup.standard());
    }

    public static WorkbenchContext create(TaskExecutor executor, ProblemReporter problems, EncodingCache cache,
                                          Optional<SampleData> sample, RunsSetup runs) {
        LongWork work = new LongWork(executor);
        return new WorkbenchContext(executor, work, problems, new DatasetSession(work, problems), cache, sample, runs,
                new RunLibrary(executor, runs.root()), new NewRunRequests());
    }
}
