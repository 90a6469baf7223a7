package org.xmodal.app.runs;

import java.nio.file.Path;
import org.xmodal.engine.run.RunDirectory;

/**
 * Where runs live and how they are started: the folder of runs, the engine's child processes, and the probe of the
 * devices offered in the run form.
 */
public record RunsSetup(Path root, EngineProcesses engine, DeviceProbe devices) {
    /** The folder the engine's command line uses too ({@code <workbench>/runs}, or XMODAL_RUNS). */
    public static RunsSetup standard() {
        return new RunsSetup(RunDirectory.defaultRunsRoot().toAbsolutePath().normalize(),
                EngineProcesses.likeThisJvm(), DeviceProbe.pytorch());
    }
}
