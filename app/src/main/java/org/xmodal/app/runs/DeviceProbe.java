package org.xmodal.app.runs;

import org.xmodal.engine.device.EngineInfo;

/** Finds the devices the engine can train on (slow: it loads the PyTorch natives); tests use a stand-in. */
@FunctionalInterface
public interface DeviceProbe {
    EngineInfo probe() throws Exception;

    /**
     * The engine's own answer from the window's inspection process, asked once and remembered. Not in the window's
     * process: loading PyTorch's natives there (half a gigabyte of libraries, and the check of its convolutions) held
     * the JVM's native-library lock while the renderer loaded its own, and the window stalled for most of a second
     * as it opened. Not in a process of its own either, as it was: the inspection process loads PyTorch anyway for
     * the first look at a network, and asked here it is running by then (the Features view's first look waited
     * 2.3-7.4 s for it to start).
     */
    static DeviceProbe askingInspection(InspectionProcess inspection) {
        return remembered(inspection::engineInfo);
    }

    /** {@code asking}'s first answer, for whoever asks first and everyone after; a failure is asked again next time. */
    static DeviceProbe remembered(DeviceProbe asking) {
        return new DeviceProbe() {
            private EngineInfo known;

            @Override
            public synchronized EngineInfo probe() throws Exception {
                if (known == null) {
                    known = asking.probe();
                }
                return known;
            }
        };
    }
}
