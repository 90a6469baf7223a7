package org.xmodal.engine.device;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.jna.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.json.Json;

/**
 * Which of oneDNN's CPU kernels PyTorch may use in this process, chosen so that its convolutions are right
 * ({@link ConvolutionCheck}). oneDNN reads {@code ONEDNN_MAX_CPU_ISA} once, at its first convolution, and a process
 * cannot switch afterwards; so the kernels are tried in child processes (everything the CPU has, then AVX2, AVX,
 * SSE4.1), the first that computes every case right is remembered for this CPU and PyTorch build in
 * {@code ~/.cache/xmodal/cpu-kernels.json}, and this process sets the variable before PyTorch's first
 * convolution. Engine processes started from here get the choice in their environment.
 *
 * <p>A value the user set is kept (and checked, with a warning when it computes wrong). Whatever was chosen, the
 * check runs once more in this process: if PyTorch ran a convolution before {@link #configure()} (too late to
 * choose) or the remembered choice no longer holds, training would learn from wrong numbers, so configure refuses
 * with a message that says what to set.
 */
public final class CpuKernels {
    private static final Logger LOG = LoggerFactory.getLogger(CpuKernels.class);
    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** Tried in this order; the empty string is everything the CPU offers. */
    static final List<String> CANDIDATES = List.of("", "AVX2", "AVX", "SSE41");
    /** Bumped when the cases change, so that a remembered choice is checked again. */
    private static final int CHECK_VERSION = 1;
    private static Choice chosen;

    /** What runs this process's convolutions, and why. */
    public record Choice(String isa, String reason, List<String> failuresOfFasterKernels) {
        public Choice {
            failuresOfFasterKernels = List.copyOf(failuresOfFasterKernels);
        }

        /** The variable for engine processes started from this one (none when every kernel may be used). */
        public Map<String, String> environment() {
            return isa.isEmpty() ? Map.of() : Map.of(VARIABLE, isa);
        }

        public String describe() {
            return isa.isEmpty() ? "all of oneDNN's CPU kernels (" + reason + ")"
                    : "oneDNN's CPU kernels up to " + isa + " (" + reason + ")";
        }
    }

    /** What the cache file remembers for one CPU and PyTorch build. */
    record Remembered(String isa, List<String> failuresOfFasterKernels, String cpu, String checkedAt) {
    }

    private CpuKernels() {
    }

    /**
     * Chooses the kernels (once per process; later calls return the first choice) and checks them in this process.
     * Call before PyTorch's first convolution and after its thread counts are set (the check loads PyTorch).
     *
     * @throws IllegalStateException when the chosen kernels compute wrong convolutions in this process
     */
    public static synchronized Choice configure() {
        if (chosen != null) {
            return chosen;
        }
        Choice choice = choose();
        if (!choice.isa().isEmpty() && System.getenv(VARIABLE) == null) {
            LibC.linux().ifPresent(c -> c.setenv(VARIABLE, choice.isa(), 1));
        }
        ConvolutionCheck.Result here = ConvolutionCheck.run();
        if (!here.ok()) {
            String message = "PyTorch's CPU convolutions compute wrong results in this process with "
                    + choice.describe() + ": " + String.join("; ", here.failures());
            if (choice.reason().startsWith("set in the environment")) {
                LOG.warn("{}. Training with them learns from wrong numbers; unset {} to let xmodal choose", message,
                        VARIABLE);
            } else {
                throw new IllegalStateException(message + ". Set " + VARIABLE + "=SSE41 in the environment and"
                        + " start again (or delete " + cacheFile() + " so that the kernels are checked again)");
            }
        }
        if (!choice.isa().isEmpty()) {
            LOG.info("convolutions use {}", choice.describe());
        }
        chosen = choice;
        return choice;
    }

    /** The choice {@link #configure()} made in this process, or null before it ran. */
    public static synchronized Choice chosen() {
        return chosen;
    }

    /**
     * The environment that gives an engine process started from this one the same kernels without checking them
     * again: {@code ONEDNN_MAX_CPU_ISA} when this process limited them, nothing otherwise or before it chose.
     */
    public static synchronized Map<String, String> childEnvironment() {
        return chosen == null ? Map.of() : chosen.environment();
    }

    /** Checks the kernels up to an instruction set ("" for all) in a fresh process. */
    @FunctionalInterface
    interface Checker {
        ConvolutionCheck.Result check(String isa) throws IOException;
    }

    private static Choice choose() {
        if (!Platform.isLinux() || !Platform.isIntel()) {
            return new Choice(System.getenv(VARIABLE) == null ? "" : System.getenv(VARIABLE),
                    "no check off x86-64 Linux", List.of());
        }
        return choose(System.getenv(VARIABLE), cacheFile(), cpuIdentity(), CpuKernels::checkInChildProcess);
    }

    /** The choice for a user's setting (null when unset), a cache file and a CPU, checking through {@code checker}. */
    static Choice choose(String userValue, Path file, String cpu, Checker checker) {
        if (userValue != null) {
            return new Choice(userValue, "set in the environment", List.of());
        }
        String key = key(cpu);
        Map<String, Remembered> known = read(file);
        Remembered r = known.get(key);
        if (r != null) {
            return new Choice(r.isa(), r.isa().isEmpty() ? "checked on this CPU" : "the faster ones compute wrong"
                    + " convolutions on this CPU, as checked on " + r.checkedAt(), r.failuresOfFasterKernels());
        }
        List<String> failures = new ArrayList<>();
        for (String isa : CANDIDATES) {
            ConvolutionCheck.Result result;
            try {
                result = checker.check(isa);
            } catch (IOException e) {
                LOG.warn("could not check PyTorch's CPU kernels in a child process ({}); checking in this one only",
                        e.getMessage());
                return new Choice("", "not checked in a child process", List.of());
            }
            if (result.ok()) {
                String name = String.join(", ", cpu.lines().filter(l -> !l.startsWith("flags")).toList());
                known.put(key, new Remembered(isa, failures, name, Instant.now().toString()));
                write(file, known);
                if (!isa.isEmpty()) {
                    LOG.warn("PyTorch's faster CPU kernels compute wrong convolutions on this CPU ({} wrong results,"
                            + " such as {}); using its kernels up to {} instead, slower but right (remembered with"
                            + " every wrong result in {}; set {} to override)", failures.size(), failures.get(0), isa,
                            file, VARIABLE);
                }
                return new Choice(isa, isa.isEmpty() ? "checked on this CPU"
                        : "the faster ones compute wrong convolutions on this CPU", failures);
            }
            for (String f : result.failures()) {
                failures.add((isa.isEmpty() ? "all kernels" : isa) + ": " + f);
            }
        }
        throw new IllegalStateException("every oneDNN kernel set tried computes wrong convolutions on this CPU: "
                + String.join("; ", failures));
    }

    /** Runs {@link ConvolutionCheck} in a new JVM (same java, same class path) with the kernels held to {@code isa}. */
    static ConvolutionCheck.Result checkInChildProcess(String isa) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Xmx512m",
                ConvolutionCheck.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (!isa.isEmpty()) {
            pb.environment().put(VARIABLE, isa);
        }
        Process p = pb.start();
        List<String> output = new ArrayList<>();
        String report = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(ConvolutionCheck.REPORT_PREFIX)) {
                    report = line.substring(ConvolutionCheck.REPORT_PREFIX.length());
                } else if (output.size() < 20) {
                    output.add(line);
                }
            }
        }
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("the check did not end within 2 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (report == null) {
            throw new IOException("the check printed no result (exit " + p.exitValue() + "): "
                    + String.join(" / ", output));
        }
        return Json.MAPPER.readValue(report, ConvolutionCheck.Result.class);
    }

    /** {@code cpu-kernels.json} beside the encoding cache. */
    static Path cacheFile() {
        return cacheFile(EncodingCache.userDefault());
    }

    /** The file that remembers the checks' choices for a process with {@code cache} as its encoding cache. */
    public static Path cacheFile(EncodingCache cache) {
        return cache.root().resolve("cpu-kernels.json");
    }

    private static Map<String, Remembered> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(file.toFile(),
                    new TypeReference<Map<String, Remembered>>() { }));
        } catch (IOException e) {
            LOG.warn("{}: unreadable ({}); PyTorch's CPU kernels are checked again", file, e.getMessage());
            return new LinkedHashMap<>();
        }
    }

    private static void write(Path file, Map<String, Remembered> known) {
        try {
            Files.createDirectories(file.getParent());
            OutputFiles.replace(file, tmp -> Json.MAPPER.writeValue(tmp.toFile(), known));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not remember the CPU kernels chosen ({}); they will be checked again next time",
                    file, e.getMessage());
        }
    }

    /** Vendor, family, model, stepping, microcode and flags of the first CPU in /proc/cpuinfo. */
    static String cpuIdentity() {
        StringBuilder id = new StringBuilder();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.isBlank() && id.length() > 0) {
                    break;
                }
                String field = line.split(":", 2)[0].trim();
                if (List.of("vendor_id", "cpu family", "model", "model name", "stepping", "microcode", "flags")
                        .contains(field)) {
                    id.append(line.replaceAll("\\s+", " ").trim()).append('\n');
                }
            }
        } catch (IOException e) {
            id.append("unknown cpu");
        }
        return id.toString();
    }

    private static String key(String cpu) {
        BuildInfo build = BuildInfo.get();
        String text = cpu + "pytorch " + build.pytorchVersion() + " " + build.nativeFlavour() + " check "
                + CHECK_VERSION;
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
