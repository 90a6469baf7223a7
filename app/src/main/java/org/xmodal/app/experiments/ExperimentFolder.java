package org.xmodal.app.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.ExperimentStages;

/**
 * An experiment kept in the window's folder of runs ({@code experiments/<name>/}), as last read from its folder.
 *
 * @param name     its folder's name
 * @param layout   its folder
 * @param stages   its stages as the engine last wrote them (none before it planned them)
 * @param finished whether it wrote its summary
 * @param launch   how the window started it, or null when it was started elsewhere
 * @param problem  why its files could not be read, or empty
 */
public record ExperimentFolder(String name, ExperimentLayout layout, ExperimentStages stages, boolean finished,
                               ExperimentLaunch launch, String problem) {
    /** The folder of experiments inside a folder of runs. */
    public static final String FOLDER = "experiments";

    public Path folder() {
        return layout.folder();
    }

    /** The experiment's engine name (table1, ...) from its stages, else from how it was started, else null. */
    public ExperimentKind kind() {
        ExperimentKind k = stages.experiment() == null ? null : ExperimentKind.byCommand(stages.experiment());
        return k != null || launch == null ? k : ExperimentKind.byCommand(launch.experiment());
    }

    /** The stage under way (training or resuming), or null. */
    public ExperimentStages.Stage current() {
        return stages.stages().stream().filter(s -> s.state() == ExperimentStages.State.TRAINING
                || s.state() == ExperimentStages.State.RESUMING).findFirst().orElse(null);
    }

    /** Reads every experiment in {@code runsRoot/experiments}, by name; one that cannot be read says why. */
    public static List<ExperimentFolder> scan(Path runsRoot) throws IOException {
        Path dir = runsRoot.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        List<ExperimentFolder> out = new ArrayList<>();
        for (Path f : folders) {
            out.add(read(f));
        }
        return out;
    }

    public static ExperimentFolder read(Path folder) {
        ExperimentLayout layout = new ExperimentLayout(folder);
        String name = folder.getFileName().toString();
        ExperimentStages stages = new ExperimentStages(null, List.of());
        ExperimentLaunch launch = null;
        String problem = "";
        try {
            launch = ExperimentLaunch.read(folder).orElse(null);
            stages = ExperimentStages.read(layout);
        } catch (IOException e) {
            problem = e.getMessage();
        }
        return new ExperimentFolder(name, layout, stages, layout.isFinished(), launch, problem);
    }
}
