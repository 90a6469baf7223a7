package org.xmodal.engine.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;

/**
 * Runs as Slurm batch jobs: each job is the headless engine resuming the run's folder (made ahead, on the shared
 * filesystem), so it writes exactly what a local run writes; the folder also gets the job's script
 * ({@code slurm-job.sh}), its log ({@code slurm-<job>.out}) and {@code slurm.json} (the job's id, when it was
 * submitted, the options). The script {@code exec}s the engine, so the SIGTERM Slurm sends before the time limit
 * ({@code --signal=B:TERM@lead}) or at {@code scancel} reaches it, and it checkpoints before it ends.
 */
public final class ClusterRuns {
    public static final String SCRIPT = "slurm-job.sh";
    public static final String RECORD = "slurm.json";

    private ClusterRuns() {
    }

    /** The job script for {@code run}, started with {@code java} on {@code classPath}. */
    static String script(RunDirectory run, SlurmOptions o, String java, String classPath, List<String> jvmOptions) {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("#SBATCH --job-name=xmodal-" + run.id());
        lines.add("#SBATCH --output=" + run.path().toAbsolutePath().resolve("slurm-%j.out"));
        lines.add("#SBATCH --open-mode=append");
        lines.add("#SBATCH --ntasks=1");
        if (o.partition() != null) {
            lines.add("#SBATCH --partition=" + o.partition());
        }
        if (o.gpus() != null && o.gpus() > 0) {
            lines.add("#SBATCH --gpus=" + o.gpus());
        }
        if (o.cpus() != null) {
            lines.add("#SBATCH --cpus-per-task=" + o.cpus());
        }
        if (o.mem() != null) {
            lines.add("#SBATCH --mem=" + o.mem());
        }
        if (o.time() != null) {
            lines.add("#SBATCH --time=" + o.time());
        }
        lines.add("#SBATCH --signal=B:TERM@" + o.signalLead());
        for (String extra : o.sbatch()) {
            String e = extra.strip();
            lines.add(e.startsWith("#SBATCH") ? e : "#SBATCH " + e);
        }
        lines.add("# written by xmodal submit: the engine resumes the run's folder (from its newest checkpoint)");
        StringBuilder cmd = new StringBuilder("exec ").append(quote(java));
        jvmOptions.forEach(j -> cmd.append(' ').append(quote(j)));
        cmd.append(" -cp ").append(quote(classPath)).append(" org.xmodal.engine.cli.XmodalCli resume ")
                .append(quote(run.path().toAbsolutePath().toString()));
        lines.add(cmd.toString());
        return String.join("\n", lines) + "\n";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Writes the job's script into the run's folder and submits it; the job's id, also kept in {@code slurm.json}.
     * The engine of the job is this one: the same java, class path and workbench folder.
     */
    public static String submit(RunDirectory run, SlurmOptions o, Slurm slurm) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jvm = new ArrayList<>();
        jvm.add("-Dai.djl.offline=true");
        String root = System.getProperty("xmodal.root");
        if (root != null) {
            jvm.add("-Dxmodal.root=" + root);
        }
        Path script = run.path().resolve(SCRIPT);
        Files.writeString(script, script(run, o, java, System.getProperty("java.class.path"), jvm));
        script.toFile().setExecutable(true);
        String id = slurm.submit(script);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("jobId", id);
        record.put("submitted", Instant.now().toString());
        record.put("options", o);
        Json.writeAtomically(record, run.path().resolve(RECORD));
        return id;
    }

    /** The Slurm job of a run folder, if it was submitted to one. */
    public static Optional<String> jobOf(Path runFolder) {
        Path f = runFolder.resolve(RECORD);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(f.toFile()).path("jobId").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
