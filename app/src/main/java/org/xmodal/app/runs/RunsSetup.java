package org.xmodal.app.runs;

import java.nio.file.Path;
import org.xmodal.engine.run.RunDirectory;

/**
 * Where runs live and how they are started: the folder of runs, the engine's child processes, the probe of the
 * devices offered in the run form, and the engine process that runs networks for a look at what they learned.
 */
public record RunsSetup(Path root, EngineProcesses engine, DeviceProbe devices, InspectionProcess inspection) {
    /** With an inspection process of {@code engine}'s, its logs beside the runs'. */
    public RunsSetup(Path root, EngineProcesses engine, DeviceProbe devices) {
        this(root, engine, devices, new InspectionProcess(engine, root.resolve(EngineProcesses.LOGS)));
    }

    /**
     * The same engine and devices with another folder of runs (one remembered from the window), and an inspection
     * process that logs there.
     */
    public RunsSetup withRoot(Path folder) {
        return new RunsSetup(folder.toAbsolutePath().normalize(), engine, devices);
    }

    /**
     * The folder remembered from the window when there is one and it still exists, unless XMODAL_RUNS names one
     * (a person who set it for this session means it); else the standard folder.
     */
    public static RunsSetup remembered(Path remembered) {
        RunsSetup standard = standard();
        String env = System.getenv("XMODAL_RUNS");
        boolean envSet = env != null && !env.isBlank();
        return !envSet && remembered != null && java.nio.file.Files.isDirectory(remembered)
                ? standard.withRoot(remembered) : standard;
    }

    /** The folder the engine's command line uses too ({@code <workbench>/runs}, or XMODAL_RUNS). */
    public static RunsSetup standard() {
        return new RunsSetup(RunDirectory.defaultRunsRoot().toAbsolutePath().normalize(),
                EngineProcesses.likeThisJvm(), DeviceProbe.pytorch());
    }
}
