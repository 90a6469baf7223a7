package org.xmodal.app.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xmodal.engine.device.CpuKernels;

/**
 * Starts the engine's command line in a child JVM (DESIGN.md: the workbench never trains in its own process, so a
 * native crash or an out-of-memory in training cannot take the window down, and a run outlives the window). The
 * child runs the same Java and class path as the workbench, offline, with its output in a log file beside the
 * runs. On Linux and macOS it runs at a lower scheduling priority ({@code nice -n 10}, or the system property
 * {@code xmodal.engine.nice}), so that training on every core leaves the window responsive; training alone on the
 * machine is as fast as ever.
 */
public final class EngineProcesses {
    public static final String MAIN_CLASS = "org.xmodal.engine.cli.XmodalCli";
    /** The folder, in a folder of runs, of the logs of the engine processes started for it. */
    public static final String LOGS = ".engine-logs";
    private static final Path NICE = Path.of("/usr/bin/nice");
    private static final String NICENESS = System.getProperty("xmodal.engine.nice", "10");

    /** A child engine process and the file its output goes to. */
    public record Child(Process process, Path log, String what) {
        public long pid() {
            return process.pid();
        }
    }

    private final List<String> java;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final boolean nice;

    private EngineProcesses(List<String> java, Path workingDirectory, Map<String, String> environment, boolean nice) {
        this.java = List.copyOf(java);
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
        this.nice = nice;
    }

    /** The engine as this JVM would run it: same java, same class path, same {@code xmodal.root}. */
    public static EngineProcesses likeThisJvm() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dai.djl.offline=true");
        String root = System.getProperty("xmodal.root");
        if (root != null) {
            cmd.add("-Dxmodal.root=" + root);
        }
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        return new EngineProcesses(cmd, dir, Map.of(), Files.isExecutable(NICE));
    }

    /** The same engine with an extra environment variable (tests point XDG_CACHE_HOME at a temporary folder). */
    public EngineProcesses withEnvironment(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new EngineProcesses(java, workingDirectory, env, nice);
    }

    /** The same engine with extra JVM options (system properties such as the log level). */
    public EngineProcesses withJvmOption(String option) {
        List<String> cmd = new ArrayList<>(java);
        cmd.add(option);
        return new EngineProcesses(cmd, workingDirectory, environment, nice);
    }

    /** The command line for {@code xmodal ARGS}. */
    public List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        if (nice) {
            cmd.addAll(List.of(NICE.toString(), "-n", NICENESS));
        }
        cmd.addAll(java);
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Starts {@code xmodal ARGS}, its stdout and stderr appended to a new log in {@code logs}.
     *
     * @param what a few words for the log's name and for messages ("run transfer-depth")
     */
    public Child start(String what, Path logs, List<String> args) throws IOException {
        Path log = newLog(what, logs, args);
        Process p = builder(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        p.getOutputStream().close();
        return new Child(p, log, what);
    }

    /**
     * Starts {@code xmodal ARGS} as a helper that is talked to: its standard input and output are the caller's to
     * use (through the returned process), its standard error is appended to a new log in {@code logs}.
     */
    public Child startTalking(String what, Path logs, List<String> args) throws IOException {
        Path log = newLog(what, logs, args);
        Process p = builder(args).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new Child(p, log, what);
    }

    private Path newLog(String what, Path logs, List<String> args) throws IOException {
        Files.createDirectories(logs);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path log = logs.resolve(stamp + "-" + what.replaceAll("[^A-Za-z0-9.+-]+", "-") + ".log");
        Files.writeString(log, String.join(" ", command(args)) + System.lineSeparator(), StandardCharsets.UTF_8);
        return log;
    }

    /** The child's process: this JVM's engine command line, folder and environment, input closed by the caller. */
    private ProcessBuilder builder(List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(CpuKernels.childEnvironment()); // the kernels checked here, not checked again there
        pb.environment().putAll(environment);
        return pb;
    }

    /**
     * Runs a short engine command and returns what it printed on its standard output (its log lines, on the
     * standard error, are kept for the message when it fails).
     *
     * @throws IOException when it cannot start, runs longer than {@code timeout}, or ends with a non-zero exit
     */
    public String output(List<String> args, Duration timeout) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("xmodal-engine", ".log");
        try {
            Process p = builder(args).redirectError(errors.toFile()).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("xmodal " + String.join(" ", args) + " did not end within "
                        + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("xmodal " + String.join(" ", args) + " failed (exit " + p.exitValue() + "): "
                        + lastWords(errors));
            }
            return out.join();
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /**
     * The line of a child's log that says best why it ended: the engine's one-line complaint ({@code xmodal: ...}),
     * else its last line.
     */
    public static String lastWords(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = "";
            for (String line : lines) {
                String l = line.strip();
                if (l.startsWith("xmodal: ")) {
                    return l.substring("xmodal: ".length());
                }
                if (!l.isEmpty()) {
                    last = l;
                }
            }
            return last;
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
