package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a run trains, as its spec names it: {@code auto} (a GPU when there is one), {@code cpu}, {@code gpu} or
 * {@code gpu:N}, or for one run shared over several GPUs {@code gpu:all} or {@code gpu:N,M,...}. Checked when read;
 * whether this machine has it is checked when the run starts.
 */
public record RunDevice(String id) {
    public static final RunDevice AUTO = new RunDevice("auto");
    public static final RunDevice CPU = new RunDevice("cpu");

    public RunDevice {
        id = id == null || id.isBlank() ? "auto" : id.trim().toLowerCase(Locale.ROOT);
        if (!id.equals("auto") && !id.equals("cpu") && !id.matches("gpu(:\\d+)?") && !id.equals("gpu:all")
                && !id.matches("gpu:\\d+(,\\d+)+")) {
            throw new IllegalArgumentException("device must be auto, cpu, gpu, gpu:N, or for one run on several "
                    + "GPUs gpu:all or gpu:N,M,..., not '" + id + "'");
        }
    }

    @JsonCreator
    public static RunDevice parse(String text) {
        return new RunDevice(text);
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
