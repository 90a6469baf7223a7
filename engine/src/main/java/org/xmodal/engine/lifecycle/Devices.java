package org.xmodal.engine.lifecycle;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices a spec asks for: {@code auto} (first GPU when there is one), {@code cpu}, {@code gpu} or {@code gpu:N},
 * and for a data-parallel run {@code gpu:all} (every GPU the engine found) or a list {@code gpu:0,1}.
 */
public final class Devices {
    private Devices() {
    }

    /** The one device of a single-device spec, or the first of a data-parallel one. */
    public static Device resolve(String spec) {
        return resolveAll(spec).get(0);
    }

    /** Every device the spec asks for, in order; the first holds the parameters that are updated and saved. */
    public static List<Device> resolveAll(String spec) {
        return resolveAll(spec, Engine.getEngine("PyTorch").getGpuCount());
    }

    static List<Device> resolveAll(String spec, int gpus) {
        if (spec == null || spec.equals("auto")) {
            return List.of(gpus > 0 ? Device.gpu(0) : Device.cpu());
        }
        if (spec.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (spec.equals("gpu:all")) {
            if (gpus == 0) {
                throw new IllegalArgumentException("device gpu:all was asked for but the engine found no GPU; use "
                        + "device auto or cpu");
            }
            List<Device> all = new ArrayList<>();
            for (int i = 0; i < gpus; i++) {
                all.add(Device.gpu(i));
            }
            return all;
        }
        List<Device> out = new ArrayList<>();
        for (String index : spec.equals("gpu") ? new String[] {"0"} : spec.substring(4).split(",")) {
            int i = Integer.parseInt(index.trim());
            if (i >= gpus) {
                throw new IllegalArgumentException("device " + spec + " was asked for but the engine found "
                        + (gpus == 0 ? "no GPU" : gpus + " GPU(s)") + "; use device auto or cpu");
            }
            Device d = Device.gpu(i);
            if (out.contains(d)) {
                throw new IllegalArgumentException("device " + spec + " names GPU " + i + " twice");
            }
            out.add(d);
        }
        return out;
    }
}
