package org.xmodal.app.runs;

import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.RunSpec;

/**
 * What the engine checks of a spec before it makes a run folder for it ({@link RunKinds#check}): the files the spec
 * names and, for a distill run, the teacher's weights (a classifier for kd, its layers) and the dataset's labels
 * (labelled train pairs of the scene classes, more of them than CRD's negatives). The run form asks it before a
 * distill run can start; tests may use a stand-in.
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
