package org.xmodal.app.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.app.shell.ConfigFolder;

/**
 * The experiment folders opened last, newest first, kept in a text file (one absolute path a line) in the user's
 * {@link ConfigFolder}.
 */
public final class RecentExperiments {
    static final int MAX = 8;
    static final String FILE = "recent-experiments.txt";

    private final Path file;

    public RecentExperiments(Path file) {
        this.file = file;
    }

    public static RecentExperiments standard() {
        return new RecentExperiments(ConfigFolder.standard().resolve(FILE));
    }

    public Path file() {
        return file;
    }

    /** The folders remembered, newest first; empty when nothing was remembered yet. Lines that are no path are skipped. */
    public List<Path> load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                try {
                    out.add(Path.of(line.trim()));
                } catch (InvalidPathException e) {
                    // written by hand or by another system: not a folder we can open
                }
            }
        }
        return out.stream().distinct().limit(MAX).toList();
    }

    /** The folders remembered, or none when the list cannot be read: an unreadable list is no reason to bother anyone. */
    public List<Path> loadOrNone() {
        try {
            return load();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The experiment a window opens at start: the newest remembered one that has finished; without one, the
     * experiment whose {@code runs/} is the window's folder of runs (when XMODAL_RUNS points into an experiment).
     */
    public static Optional<Path> toOpenAtStart(List<Path> recent, Path runsRoot) {
        Optional<Path> open = recent.stream().filter(p -> new ExperimentLayout(p).isFinished()).findFirst();
        Path parent = runsRoot.toAbsolutePath().getParent();
        if (open.isEmpty() && parent != null && new ExperimentLayout(parent).isFinished()) {
            open = Optional.of(parent);
        }
        return open;
    }

    /** {@code folder} first, then the others in their order, without repeats, at most {@link #MAX}. */
    public static List<Path> with(List<Path> recent, Path folder) {
        List<Path> out = new ArrayList<>();
        out.add(folder);
        recent.stream().filter(p -> !p.equals(folder)).limit(MAX - 1).forEach(out::add);
        return out;
    }

    public void save(List<Path> recent) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder s = new StringBuilder();
        recent.stream().limit(MAX).forEach(p -> s.append(p).append('\n'));
        Path tmp = Files.createTempFile(file.getParent(), "." + FILE, ".tmp");
        try {
            Files.writeString(tmp, s, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
