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
     * The folder remembered from the window when there is one and it still exists, unless XMODAL_RUNS names one
     * (a person who set it for this session means it); else the standard folder.
     */
    public static RunsSetup remembered(Path remembered) {
        String env = System.getenv("XMODAL_RUNS");
        boolean envSet = env != null && !env.isBlank();
        return !envSet && remembered != null && java.nio.file.Files.isDirectory(remembered)
                ? inFolder(remembered, EngineProcesses.likeThisJvm()) : standard();
    }

    /** The folder the engine's command line uses too ({@code <workbench>/runs}, or XMODAL_RUNS). */
    public static RunsSetup standard() {
        return inFolder(RunDirectory.defaultRunsRoot(), EngineProcesses.likeThisJvm());
    }

    /**
     * The runs in {@code folder}, started with {@code engine}, and an inspection process that logs there and
     * answers the device probe too (so that the probe, asked once the window is quiet, starts it before the first
     * look at a network needs it).
     */
    public static RunsSetup inFolder(Path folder, EngineProcesses engine) {
        Path root = folder.toAbsolutePath().normalize();
        InspectionProcess inspection = new InspectionProcess(engine, root.resolve(EngineProcesses.LOGS));
        return new RunsSetup(root, engine, DeviceProbe.askingInspection(inspection), inspection);
    }
}
