package org.xmodal.engine.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code shared/bench/torch_transfer_peer.py}, the supervision-transfer step in plain PyTorch, and reads its
 * figure (its last line, {@code N images/s}). The interpreter is the one the script's first line names
 * ({@code #!/usr/bin/python3}: Debian's, the one python3-torch installs into), else python3 from the PATH. Failures
 * are the user's to fix (no interpreter, no torch, a wrong script), so they come back as IllegalArgumentException
 * with the script's last lines, which the command line prints without a stack trace.
 */
final class PeerBenchmark {
    private static final Pattern FIGURE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) images/s");

    private PeerBenchmark() {
    }

    static double run(Path script, String arch, int batch, int size, int steps, int threads) throws IOException {
        List<String> command = List.of(interpreter(script), script.toString(), "--arch", arch, "--batch",
                String.valueOf(batch), "--size", String.valueOf(size), "--steps", String.valueOf(steps), "--threads",
                String.valueOf(threads));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalArgumentException("could not start " + command.get(0) + " for the peer benchmark "
                    + script + " (" + e.getMessage() + "); Debian's python3-torch runs it", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalArgumentException(script + " failed under " + command.get(0) + " (exit " + code
                        + "): " + tail(output));
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + script + " ran", e);
        }
        return figure(output, script);
    }

    /** The interpreter named by the script's "#!" line when that file exists, else python3. */
    static String interpreter(Path script) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first != null && first.startsWith("#!")) {
                String[] words = first.substring(2).trim().split("\\s+");
                if (words.length == 1 && Files.isExecutable(Path.of(words[0]))) {
                    return words[0];
                }
            }
        }
        return "python3";
    }

    /** The figure on the output's last non-blank line. */
    static double figure(String output, Path script) {
        String last = output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        Matcher m = FIGURE.matcher(last);
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s printed no 'N images/s' last line: %s",
                    script, tail(output)));
        }
        return Double.parseDouble(m.group(1));
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
