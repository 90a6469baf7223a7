package org.xmodal.engine.transfer;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** The device a spec asks for: {@code auto} (first GPU when there is one), {@code cpu}, {@code gpu} or {@code gpu:N}. */
public final class Devices {
    private Devices() {
    }

    public static Device resolve(String spec) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        if (spec == null || spec.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (spec.equals("cpu")) {
            return Device.cpu();
        }
        int index = spec.equals("gpu") ? 0 : Integer.parseInt(spec.substring(4));
        if (index >= gpus) {
            throw new IllegalArgumentException("device " + spec + " was asked for but the engine found "
                    + (gpus == 0 ? "no GPU" : gpus + " GPU(s)") + "; use device auto or cpu");
        }
        return Device.gpu(index);
    }
}
