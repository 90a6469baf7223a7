package org.xmodal.app;

import java.nio.file.Path;
import java.util.Optional;
import org.xmodal.app.data.DatasetSession;
import org.xmodal.app.experiments.ExperimentDraft;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.RunLibrary;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.shell.ViewRequests;
import org.xmodal.app.task.LongWork;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.encode.EncodingCache;

/**
 * What every view shares: where work runs, how problems are told, the open dataset, the encoding cache, and the
 * folder of runs (how runs start, and the runs it holds), and how one view asks another for something: a new
 * run's form, an experiment opened in Results, the Experiments form filled, the lesson opened.
 */
public record WorkbenchContext(TaskExecutor executor, LongWork work, ProblemReporter problems,
                               DatasetSession session, EncodingCache cache, Optional<SampleData> sample,
                               RunsSetup runsSetup, RunLibrary runs, NewRunRequests newRuns,
                               ViewRequests<Path> experiments, ViewRequests<ExperimentDraft> experimentDrafts,
                               ViewRequests<Integer> lessons) {
    /** The view that opens experiments (asked with a folder) and the one that starts them (asked with a draft). */
    public static final String RESULTS = "Results";
    public static final String EXPERIMENTS = "Experiments";
    /** The view that teaches the method (asked with the screen to show, from 0). */
    public static final String LESSON = "Lesson";


    /** With the standard folder of runs ({@code <workbench>/runs}) and engine processes like this JVM. */
    public static WorkbenchContext create(TaskExecutor executor, ProblemReporter problems, EncodingCache cache,
                                          Optional<SampleData> sample) {
        return create(executor, problems, cache, sample, RunsSetup.standard());
    }

    public static WorkbenchContext create(TaskExecutor executor, ProblemReporter problems, EncodingCache cache,
                                          Optional<SampleData> sample, RunsSetup runs) {
        LongWork work = new LongWork(executor);
        RunLibrary library = new RunLibrary(executor, runs.root());
        // the inspection process's logs follow the folder of runs the window shows, like the runs' own
        library.rootProperty().addListener((o, was, now) -> runs.inspection().logIn(now.resolve(EngineProcesses.LOGS)));
        return new WorkbenchContext(executor, work, problems, new DatasetSession(work, problems), cache, sample, runs,
                library, new NewRunRequests(), new ViewRequests<>(RESULTS),
                new ViewRequests<>(EXPERIMENTS), new ViewRequests<>(LESSON));
    }

    /** Lets every view that asks another for something show that view (called by the shell). */
    public void navigateWith(java.util.function.Consumer<String> showView) {
        newRuns.navigateWith(showView);
        experiments.navigateWith(showView);
        experimentDrafts.navigateWith(showView);
        lessons.navigateWith(showView);
    }
}
