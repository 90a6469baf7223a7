package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** Where a teacher's weights come from. */
public enum TeacherSource implements Identified {
    /** An architecture with weights from a file, a checkpoint or a run folder. */
    NETWORK,
    /** A TorchScript file whose forward returns the feature map. */
    TORCHSCRIPT,
    /** An untrained network: only for tests and benchmarks. */
    RANDOM;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static TeacherSource parse(String s) {
        return Identified.parse(TeacherSource.class, s, "teacher.source");
    }
}
