package org.xmodal.app.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.json.Json;

/**
 * How the window started an experiment, kept in its folder ({@code launch.json}) so that Continue starts the same
 * command again (the engine then reuses the finished runs and resumes the interrupted one), in this session or a
 * later one.
 *
 * @param experiment the engine's name of the experiment (table1, socket, robust, flow)
 * @param data       the dataset's folder
 * @param preset     a built-in preset's name or a preset file
 * @param seeds      seeds per arm
 * @param log        the engine's log of the last start, or null
 * @param slurm      whether its runs go to a Slurm cluster as jobs ({@code xmodal submit experiment ...}, with the
 *                   cluster profile's options) instead of running on this machine
 */
public record ExperimentLaunch(String experiment, String data, String preset, int seeds, String log, boolean slurm) {
    public static final String FILE = "launch.json";

    /** Run on this machine. */
    public ExperimentLaunch(String experiment, String data, String preset, int seeds, String log) {
        this(experiment, data, preset, seeds, log, false);
    }

    /** The engine's arguments for an experiment in {@code folder}. */
    public List<String> arguments(Path folder) {
        List<String> args = new ArrayList<>();
        if (slurm) {
            args.addAll(List.of("submit", "experiment"));
        } else {
            args.add("experiment");
        }
        args.addAll(List.of(experiment, "--data", data, "--out", folder.toString(), "--seeds", String.valueOf(seeds)));
        if (preset != null && !preset.isBlank()) {
            args.add("--preset");
            args.add(preset);
        }
        return args;
    }

    public ExperimentLaunch withLog(Path file) {
        return new ExperimentLaunch(experiment, data, preset, seeds, file.toString(), slurm);
    }

    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Json.writeAtomically(this, folder.resolve(FILE));
    }

    /** The launch written in {@code folder}, or none (an experiment started from a terminal). */
    public static Optional<ExperimentLaunch> read(Path folder) throws IOException {
        Path f = folder.resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(Json.MAPPER.readValue(f.toFile(), ExperimentLaunch.class))
                : Optional.empty();
    }
}
