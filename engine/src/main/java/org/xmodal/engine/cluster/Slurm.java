package org.xmodal.engine.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Slurm through its own commands ({@code sbatch}, {@code squeue}, {@code scontrol}, {@code sacct}, {@code scancel}),
 * as a person on the login node would use them: the workbench schedules nothing itself. A missing command or a job
 * Slurm refuses is an {@link IllegalArgumentException} that says which and why, in Slurm's words.
 */
public final class Slurm {
    private static final long TIMEOUT_SECONDS = 60;
    private final String path;

    /** Slurm's commands as found on {@code PATH} (of this process). */
    public static Slurm onPath() {
        return new Slurm(System.getenv().getOrDefault("PATH", ""));
    }

    /** Slurm's commands as found on the given {@code PATH}. */
    public Slurm(String path) {
        this.path = path;
    }

    /** A job's state as Slurm reports it: {@code PENDING} with its reason, {@code RUNNING} on its node, ... */
    public record JobState(String state, String reason, String node, String exitCode) {
        /** One line: "PENDING (Resources)", "RUNNING on node3", "FAILED (exit 1:0)", "COMPLETED". */
        public String describe() {
            return switch (state) {
                case "PENDING" -> "PENDING" + (reason == null || reason.isBlank() || reason.equals("None") ? ""
                        : " (" + reason + ")");
                case "RUNNING", "COMPLETING" -> state + (node == null || node.isBlank() ? "" : " on " + node);
                case "FAILED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY" -> state + (exitCode == null
                        || exitCode.isBlank() ? "" : " (exit " + exitCode + ")");
                default -> state;
            };
        }
    }

    /** Submits a batch script; the job's id. */
    public String submit(Path script) throws IOException {
        Result r = call("sbatch", "--parsable", script.toString());
        if (r.code != 0) {
            throw new IllegalArgumentException("sbatch refused the job: " + firstLine(r.err, r.out));
        }
        String id = r.out.strip().split(";")[0];
        if (!id.matches("\\d+(_\\d+)?")) {
            throw new IllegalArgumentException("sbatch answered without a job id: " + firstLine(r.out, r.err));
        }
        return id;
    }

    /** The job's state: from the queue while it is there, else from the controller's memory, else accounting. */
    public Optional<JobState> state(String jobId) throws IOException {
        Result q = call("squeue", "-h", "-j", jobId, "-o", "%T|%r|%N");
        if (q.code == 0 && !q.out.isBlank()) {
            String[] p = q.out.strip().lines().findFirst().orElse("").split("\\|", -1);
            return Optional.of(new JobState(p[0], p.length > 1 ? p[1] : "", p.length > 2 ? p[2] : "", ""));
        }
        Result c = call("scontrol", "show", "job", "-o", jobId);
        if (c.code == 0 && c.out.contains("JobState=")) {
            return Optional.of(new JobState(field(c.out, "JobState"), field(c.out, "Reason"),
                    field(c.out, "NodeList"), field(c.out, "ExitCode")));
        }
        Result a = call("sacct", "-n", "-P", "-X", "-j", jobId, "-o", "State,ExitCode,NodeList");
        if (a.code == 0 && !a.out.isBlank()) {
            String[] p = a.out.strip().lines().findFirst().orElse("").split("\\|", -1);
            String state = p[0].split(" ")[0]; // "CANCELLED by 0"
            return Optional.of(new JobState(state, "", p.length > 2 ? p[2] : "", p.length > 1 ? p[1] : ""));
        }
        return Optional.empty();
    }

    /**
     * Every job in the queue (pending, running, completing), one per array task, by id ({@code 123} or
     * {@code 123_4}): one call, for a window that shows many runs' jobs.
     */
    public Map<String, JobState> queue() throws IOException {
        Result q = call("squeue", "-h", "-r", "-o", "%i|%T|%r|%N");
        if (q.code != 0) {
            throw new IOException("squeue failed: " + firstLine(q.err, q.out));
        }
        Map<String, JobState> jobs = new java.util.LinkedHashMap<>();
        for (String line : q.out.strip().split("\n")) {
            String[] p = line.split("\\|", -1);
            if (p.length >= 4 && !p[0].isBlank()) {
                jobs.put(p[0].strip(), new JobState(p[1], p[2], p[3], ""));
            }
        }
        return jobs;
    }

    /** Whether Slurm's commands are on this PATH. */
    public boolean available() {
        return find("squeue").isPresent();
    }

    /** Cancels the job (Slurm sends its processes SIGTERM first, which the engine answers with a checkpoint). */
    public void cancel(String jobId) throws IOException {
        Result r = call("scancel", jobId);
        if (r.code != 0) {
            throw new IllegalArgumentException("scancel refused: " + firstLine(r.err, r.out));
        }
    }

    /** Where a Slurm command is on this PATH, for a job script to call it by; its bare name when not found. */
    public String command(String name) {
        return find(name).map(Path::toString).orElse(name);
    }

    private static String field(String line, String name) {
        for (String part : line.strip().split("\\s+")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "";
    }

    private static String firstLine(String a, String b) {
        String s = a == null || a.isBlank() ? b : a;
        return s == null ? "" : s.strip().lines().map(l -> l.replaceFirst("^sbatch: error: ", ""))
                .filter(l -> !l.isBlank()).findFirst().orElse("(no message)");
    }

    private record Result(int code, String out, String err) {
    }

    private Result call(String command, String... args) throws IOException {
        Path exe = find(command).orElseThrow(() -> new IllegalArgumentException(command + " was not found on PATH ("
                + path + "): Slurm's commands are needed to use a cluster; run this on the cluster's login node, "
                + "or put Slurm's bin folder on PATH"));
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("PATH", path);
        Path out = Files.createTempFile("xmodal-slurm", ".out");
        Path err = Files.createTempFile("xmodal-slurm", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not answer within " + TIMEOUT_SECONDS + " s (is slurmctld up?)");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command + " was interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Optional<Path> find(String command) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path p = Path.of(dir, command);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
