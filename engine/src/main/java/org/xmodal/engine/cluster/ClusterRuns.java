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
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunStatus;

/**
 * Runs as Slurm batch jobs: each job is the headless engine resuming the run's folder (made ahead, on the shared
 * filesystem), so it writes exactly what a local run writes; the folder also gets the job's script
 * ({@code slurm-job.sh}), its log ({@code slurm-<job>.out}) and {@code slurm.json} (the job's id, when it was
 * submitted, the options).
 *
 * <p>Near its time limit Slurm sends the job's shell SIGUSR1 ({@code --signal=B:USR1@lead}); the shell passes it on to
 * the engine as SIGTERM, the engine checkpoints and stops, and the shell requeues the job ({@code scontrol requeue}:
 * same job id, so jobs that wait for it keep waiting) up to {@code requeues} times; the requeued job resumes from the
 * checkpoint. {@code scancel} sends SIGTERM: the engine checkpoints and the job ends, not requeued.
 */
public final class ClusterRuns {
    public static final String SCRIPT = "slurm-job.sh";
    public static final String RECORD = "slurm.json";
    /** Slurm's job states in which the job still holds or waits for a node. */
    static final List<String> ACTIVE = List.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED",
            "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SUSPENDED", "STOPPED", "SIGNALING");

    private ClusterRuns() {
    }

    /** How a job starts this engine: the same java, JVM options and class path as the process submitting it. */
    record Engine(String java, List<String> jvmOptions, String classPath) {
        static Engine current() {
            List<String> jvm = new ArrayList<>();
            jvm.add("-Dai.djl.offline=true");
            String root = System.getProperty("xmodal.root");
            if (root != null) {
                jvm.add("-Dxmodal.root=" + root);
            }
            return new Engine(ProcessHandle.current().info().command().orElse("java"), jvm,
                    System.getProperty("java.class.path"));
        }

        /** The shell words that run {@code xmodal ARGS...} (the arguments already quoted as the shell needs). */
        String command(String quotedArgs) {
            StringBuilder cmd = new StringBuilder(quote(java));
            jvmOptions.forEach(j -> cmd.append(' ').append(quote(j)));
            return cmd.append(" -cp ").append(quote(classPath)).append(" org.xmodal.engine.cli.XmodalCli ")
                    .append(quotedArgs).toString();
        }
    }

    /** The {@code #SBATCH} lines of a job. */
    static List<String> header(String name, String output, SlurmOptions o, String workingDirectory,
                               List<String> extra) {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("#SBATCH --job-name=" + name);
        lines.add("#SBATCH --output=" + output);
        lines.add("#SBATCH --open-mode=append");
        lines.add("#SBATCH --chdir=" + workingDirectory);
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
        extra.forEach(e -> lines.add("#SBATCH " + e));
        for (String line : o.sbatch()) {
            String e = line.strip();
            lines.add(e.startsWith("#SBATCH") ? e : "#SBATCH " + e);
        }
        return lines;
    }

    /**
     * The script of a job that trains runs: one run ({@code list} null, the run's folder in {@code run}) or, as a
     * job array, the run named by line {@code SLURM_ARRAY_TASK_ID + 1} of {@code list}.
     */
    static String runScript(String name, String output, SlurmOptions o, Engine engine, String scontrol, Path run,
                            Path list, int tasks, List<String> dependsOn) {
        List<String> extra = new ArrayList<>();
        if (tasks > 1) {
            extra.add("--array=0-" + (tasks - 1));
        }
        extra.add("--signal=B:USR1@" + o.signalLead());
        extra.add("--requeue");
        if (!dependsOn.isEmpty()) {
            extra.add("--dependency=afterok:" + String.join(":", dependsOn));
            extra.add("--kill-on-invalid-dep=yes");
        }
        List<String> lines = header(name, output, o, System.getProperty("user.dir"), extra);
        lines.add("# written by xmodal submit: the engine resumes the run's folder (from its newest checkpoint)");
        if (list == null) {
            lines.add("run=" + quote(run.toAbsolutePath().toString()));
        } else {
            lines.add("run=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " + quote(list.toAbsolutePath().toString())
                    + ")");
            lines.add("exec >> \"$run/slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}.out\" 2>&1");
        }
        superviseAndRequeue(lines, engine.command("resume \"$run\""), o, scontrol, "the run checkpointed",
                "stopped at its checkpoint (xmodal submit RUN_DIR continues it)");
        return String.join("\n", lines) + "\n";
    }

    /**
     * The script's lines that run {@code command} (an engine) in the background and wait for it: Slurm's TERM
     * (scancel) is passed on to it, and Slurm's warning before the time limit ({@code --signal=B:USR1}) stops it with
     * TERM and requeues the job (the same id, so the jobs waiting for it wait on), which then starts the command
     * again, up to the options' {@code maxRequeues()} times. {@code kept}: what the engine keeps when stopped;
     * {@code last}: what the log says when no requeue is left.
     */
    private static void superviseAndRequeue(List<String> lines, String command, SlurmOptions o, String scontrol,
                                            String kept, String last) {
        lines.add("limit=0 engine=");
        lines.add("trap 'limit=1; [ -n \"$engine\" ] && kill -TERM \"$engine\"' USR1");
        lines.add("trap '[ -n \"$engine\" ] && kill -TERM \"$engine\"' TERM");
        lines.add(command + " &");
        lines.add("engine=$!");
        lines.add("code=");
        lines.add("while [ -z \"$code\" ]; do wait \"$engine\"; c=$?; kill -0 \"$engine\" 2>/dev/null || code=$c; "
                + "done");
        lines.add("if [ \"$limit\" = 1 ] && [ \"$code\" != 0 ]; then");
        lines.add("  if [ \"${SLURM_RESTART_COUNT:-0}\" -lt " + o.maxRequeues() + " ]; then");
        lines.add("    echo \"xmodal: the time limit is near; " + kept + "; requeueing job $SLURM_JOB_ID "
                + "(restart $(( ${SLURM_RESTART_COUNT:-0} + 1 )) of " + o.maxRequeues() + ")\"");
        lines.add("    " + quote(scontrol) + " requeue \"$SLURM_JOB_ID\" && sleep 300");
        lines.add("  else");
        lines.add("    echo \"xmodal: the time limit is near and the job was requeued " + o.maxRequeues()
                + " times already: " + last + "\"");
        lines.add("  fi");
        lines.add("fi");
        lines.add("exit $code");
    }

    /** A word for the shell, in single quotes. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Writes the job's script into the run's folder and submits it; the job's id, also kept in {@code slurm.json}.
     * The engine of the job is this one: the same java, class path and workbench folder.
     */
    public static String submit(RunDirectory run, SlurmOptions o, Slurm slurm) throws IOException {
        return submit(run, o, slurm, List.of());
    }

    /** As {@link #submit(RunDirectory, SlurmOptions, Slurm)}, starting after the jobs {@code dependsOn} end well. */
    static String submit(RunDirectory run, SlurmOptions o, Slurm slurm, List<String> dependsOn) throws IOException {
        Path script = run.path().resolve(SCRIPT);
        Files.writeString(script, runScript("xmodal-" + run.id(), run.path().toAbsolutePath().resolve("slurm-%j.out")
                .toString(), o, Engine.current(), slurm.command("scontrol"), run.path(), null, 1, dependsOn));
        script.toFile().setExecutable(true);
        String id = slurm.submit(script);
        record(run.path(), id, o);
        return id;
    }

    /**
     * {@code xmodal WORDS... --shard I/N} as a job array of {@code shards} tasks, task I taking shard I; the script
     * and the tasks' logs in {@code folder/slurm/}. The array's id.
     */
    public static String submitShards(List<String> words, int shards, Path folder, SlurmOptions o, Slurm slurm)
            throws IOException {
        Path dir = folder.resolve("slurm");
        Files.createDirectories(dir);
        List<String> lines = header("xmodal-" + words.get(0), dir.resolve(words.get(0) + "-%A_%a.out").toString(), o,
                System.getProperty("user.dir"), List.of("--array=0-" + (shards - 1), "--signal=B:USR1@"
                        + o.signalLead(), "--requeue"));
        lines.add("# written by xmodal " + words.get(0) + " --slurm: each task one shard; finished work is cached and "
                + "skipped when submitted again (or when the task is requeued at its time limit)");
        String args = String.join(" ", words.stream().map(ClusterRuns::quote).toList());
        superviseAndRequeue(lines, Engine.current().command(args + " --shard \"$SLURM_ARRAY_TASK_ID/" + shards
                + "\""), o, slurm.command("scontrol"), "what the task encoded is kept",
                "stopped; submitting the same command again goes on with what is left");
        return slurm.submit(writeScript(dir, words.get(0), lines));
    }

    /**
     * {@code xmodal WORDS...} as one job, a command that itself submits jobs: the variables Slurm set for this job
     * are unset before it runs (but SLURM_CONF), so that the jobs it submits, which inherit its environment, get only
     * their own (a job without --cpus-per-task would otherwise read this one's SLURM_CPUS_PER_TASK). Script and log
     * ({@code <log>-<job>.out}) in {@code dir}; the job's id.
     */
    static String submitCommand(String name, List<String> words, Path dir, String log, SlurmOptions o, Slurm slurm)
            throws IOException {
        Files.createDirectories(dir);
        List<String> lines = header(name, dir.toAbsolutePath().resolve(log + "-%j.out").toString(), o,
                System.getProperty("user.dir"), List.of());
        lines.add("# written by xmodal: the command below submits further jobs, which inherit this environment");
        lines.add("for v in $(compgen -e); do case \"$v\" in SLURM_CONF) ;; SLURM_*) unset \"$v\" ;; esac; done");
        lines.add("exec " + Engine.current().command(String.join(" ", words.stream().map(ClusterRuns::quote)
                .toList())));
        return slurm.submit(writeScript(dir, log, lines));
    }

    /** A job's script, {@code dir/<prefix>-<date>-<time>.sh}. */
    private static Path writeScript(Path dir, String prefix, List<String> lines) throws IOException {
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss"));
        Path script = dir.resolve(prefix + "-" + stamp + ".sh");
        Files.writeString(script, String.join("\n", lines) + "\n");
        return script;
    }

    /**
     * Submits a run that exists and is not finished (stopped, failed, killed or never started) again: its job
     * resumes it from its newest checkpoint.
     *
     * @throws BadInputException when the run finished, or its engine or its job is still going
     */
    public static String resubmit(RunDirectory run, SlurmOptions o, Slurm slurm) throws IOException {
        RunStatus status = run.status();
        if (status.state() == RunStatus.State.FINISHED) {
            throw new BadInputException(run.path(), "has already finished; clone it with more iterations instead");
        }
        Optional<String> job = activeJob(run.path(), slurm);
        if (job.isPresent()) {
            throw new BadInputException(run.path(), "is already Slurm job " + job.get() + " ("
                    + slurm.state(job.get()).map(Slurm.JobState::describe).orElse("queued") + ")");
        }
        if (status.state() == RunStatus.State.RUNNING) {
            throw new BadInputException(run.path(), "is still running (its engine process is alive)");
        }
        return submit(run, o, slurm);
    }

    /** Whether a job in this state (Slurm's word) still holds or waits for a node. */
    public static boolean isActive(String state) {
        return ACTIVE.contains(state);
    }

    /** The run's job, when Slurm still runs it or has it queued. */
    static Optional<String> activeJob(Path runFolder, Slurm slurm) throws IOException {
        Optional<String> job = jobOf(runFolder);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        Optional<Slurm.JobState> state = slurm.state(job.get());
        return state.isPresent() && isActive(state.get().state()) ? job : Optional.empty();
    }

    /** Keeps the job's id beside the run. */
    static void record(Path runFolder, String jobId, SlurmOptions o) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("jobId", jobId);
        record.put("submitted", Instant.now().toString());
        record.put("options", o);
        Json.writeAtomically(record, runFolder.resolve(RECORD));
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
