package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** The optimiser of a run. */
public enum OptimizerType implements Identified {
    /** SGD with momentum and weight decay, as the paper. */
    SGD,
    ADAM;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static OptimizerType parse(String s) {
        return s == null ? SGD : Identified.parse(OptimizerType.class, s, "optimizer.type");
    }
}
