package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** The optimiser of a run. */
public enum OptimizerType implements Identified {
    /** SGD with momentum and weight decay, as the paper. */
    SGD,
    /** Adam with L2 weight decay added to the gradient, as torch.optim.Adam. */
    ADAM,
    /**
     * Adam with decoupled weight decay (Loshchilov and Hutter), as torch.optim.AdamW: every step shrinks the weights
     * by {@code lr x weightDecay} of themselves, whatever their gradient, where Adam's L2 term is divided away by
     * its own normalisation.
     */
    ADAMW;

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
