package org.xmodal.app.runs;

import org.xmodal.engine.device.EngineInfo;

/** Finds the devices the engine can train on (slow: it loads the PyTorch natives); tests use a stand-in. */
@FunctionalInterface
public interface DeviceProbe {
    EngineInfo probe() throws Exception;

    static DeviceProbe pytorch() {
        return EngineInfo::probe;
    }
}
