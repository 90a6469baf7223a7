package org.xmodal.engine.inspect;

import org.xmodal.engine.device.EngineInfo;

/**
 * What runs the networks in the inspection process and on which devices ({@link EngineInfo#probe}): the workbench
 * asks it here for its status bar and run form, so that the one process that loads PyTorch for them is the one its
 * first look at a network then finds running, instead of a second process loading it again.
 */
public final class EngineDescription {
    private EngineDescription() {
    }

    public record Request() implements Question {
    }

    public record Result(EngineInfo info) implements Reply {
    }

    public static Result compute(Request r) {
        return new Result(EngineInfo.probeAndLog());
    }
}
