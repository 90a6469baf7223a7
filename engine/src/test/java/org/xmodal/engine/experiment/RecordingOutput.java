package org.xmodal.engine.experiment;

import java.util.ArrayList;
import java.util.List;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/** An experiment's output kept as lines, for tests; no progress. */
final class RecordingOutput implements ExperimentOutput {
    final List<String> lines = new ArrayList<>();

    @Override
    public void line(String text) {
        lines.add(text);
    }

    @Override
    public ProgressListener progress(String label) {
        return ProgressListener.NONE;
    }

    @Override
    public TrainingLoop.Listener training(String label) {
        return TrainingLoop.Listener.NONE;
    }

    long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }
}
