package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** How the learning rate decays. */
public enum RateDecay implements Identified {
    /** Multiplied by {@code gamma} every {@code stepSize} iterations (0: constant), as Caffe's "step". */
    STEP,
    /** {@code base (1 + gamma p)^-power} with p the fraction of the run done: SHOT's and SOCKET's schedule. */
    INVERSE;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static RateDecay parse(String s) {
        return s == null ? STEP : Identified.parse(RateDecay.class, s, "schedule.decay");
    }
}
