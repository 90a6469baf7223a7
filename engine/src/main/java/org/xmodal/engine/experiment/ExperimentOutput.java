package org.xmodal.engine.experiment;

import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/** Where an experiment reports what it does (a terminal, a GUI). */
public interface ExperimentOutput {
    void line(String text);

    ProgressListener progress(String label);

    TrainingLoop.Listener training(String label);
}
