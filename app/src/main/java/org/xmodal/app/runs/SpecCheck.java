package org.xmodal.app.runs;

import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.RunSpec;

/**
 * What the engine checks of a spec before it makes a run folder for it ({@link RunKinds#check}): the files the spec
 * names; for a distill run, the teacher's weights (a classifier for kd, its layers) and the dataset's labels
 * (labelled train pairs of the scene classes, more of them than CRD's negatives); for a scenes or clips fine-tuning
 * run, scene classes with train and test pairs and test clips of one class each. The run form asks it before a
 * distill run can start (a fine-tuning run is checked when its engine starts); tests may use a stand-in.
 */
@FunctionalInterface
public interface SpecCheck {
    /**
     * @throws IllegalArgumentException or {@link java.io.IOException} saying what the engine refuses
     */
    void check(RunSpec spec) throws Exception;

    static SpecCheck engine() {
        return RunKinds::check;
    }
}
