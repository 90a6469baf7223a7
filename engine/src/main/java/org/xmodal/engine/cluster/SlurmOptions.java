package org.xmodal.engine.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;

/**
 * What a batch job asks Slurm for: {@code partition}, {@code gpus}, {@code cpus} (per task), {@code mem} (Slurm's
 * syntax, e.g. {@code 16G}), {@code time} (e.g. {@code 2-00:00:00}), the {@code signalSeconds} before the time limit
 * at which Slurm tells the job to checkpoint and stop (default 120), {@code requeues}: how many times a job that
 * reaches its time limit is requeued to resume from that checkpoint (default 3), and {@code sbatch}: extra {@code #SBATCH}
 * lines as written (e.g. {@code --account=vision}). Each may be unset (null): Slurm's defaults. Set once in a cluster
 * profile ({@code ~/.config/xmodal/cluster.json}), overridden per command.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlurmOptions(String partition, Integer gpus, Integer cpus, String mem, String time,
                           Integer signalSeconds, Integer requeues, List<String> sbatch) {
    public static final SlurmOptions NONE = new SlurmOptions(null, null, null, null, null, null, null, List.of());
    /** The profile's file under the configuration folder ($XDG_CONFIG_HOME/xmodal, else ~/.config/xmodal). */
    public static final String PROFILE = "cluster.json";

    public SlurmOptions {
        sbatch = sbatch == null ? List.of() : List.copyOf(sbatch);
        if (gpus != null && gpus < 0 || cpus != null && cpus < 1 || signalSeconds != null && signalSeconds < 0
                || requeues != null && requeues < 0) {
            throw new IllegalArgumentException("cluster options: gpus >= 0, cpus >= 1, signalSeconds >= 0 and "
                    + "requeues >= 0");
        }
        for (String line : sbatch) {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("an #SBATCH line cannot hold a line break: " + line);
            }
        }
    }

    /** These options with every value {@code over} sets put over them (its #SBATCH lines after these). */
    public SlurmOptions with(SlurmOptions over) {
        List<String> lines = new ArrayList<>(sbatch);
        lines.addAll(over.sbatch);
        return new SlurmOptions(or(over.partition, partition), or(over.gpus, gpus), or(over.cpus, cpus),
                or(over.mem, mem), or(over.time, time), or(over.signalSeconds, signalSeconds),
                or(over.requeues, requeues), lines);
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    /** The seconds of warning before the time limit (120 when unset). */
    public int signalLead() {
        return signalSeconds == null ? 120 : signalSeconds;
    }

    /** How many times a job reaching its time limit is requeued (3 when unset). */
    public int maxRequeues() {
        return requeues == null ? 3 : requeues;
    }

    /** The standard profile's place. */
    public static Path standardProfile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("xmodal").resolve(PROFILE);
    }

    /** A profile file's options; none when {@code file} does not exist and was not asked for by name. */
    public static SlurmOptions read(Path file, boolean required) throws IOException {
        if (!Files.exists(file)) {
            if (required) {
                throw new BadInputException(file, "does not exist (a cluster profile is a JSON object such as "
                        + "{\"partition\": \"gpu\", \"gpus\": 1, \"time\": \"1-00:00:00\"})");
            }
            return NONE;
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), SlurmOptions.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file, "is not a cluster profile (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
    }
}
