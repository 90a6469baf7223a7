package org.xmodal.app.shell;

import java.util.Locale;
import org.xmodal.app.runs.DeviceProbe;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.device.EngineInfo;

/** Finds out, slowly (it loads the PyTorch natives), what the engine is and which device it will train on. */
@FunctionalInterface
public interface EngineProbe {
    /** One line for the status bar. */
    String describe() throws Exception;

    /** The engine's answer as the run form gets it (one child process asked once, whoever asks first). */
    static EngineProbe of(DeviceProbe devices) {
        return () -> describe(BuildInfo.get(), devices.probe());
    }

    static String describe(BuildInfo build, EngineInfo info) {
        String device = info.gpus().isEmpty() ? "cpu (" + info.cpuCores() + " cores)"
                : info.gpus().get(0).describe() + (info.gpus().size() > 1 ? " +" + (info.gpus().size() - 1) + " more"
                : "");
        return String.format(Locale.ROOT, "xmodal %s \u00b7 %s %s (%s natives) \u00b7 device %s", build.version(),
                info.engine(), info.engineVersion(), info.nativeFlavour(), device);
    }
}
