package org.xmodal.app.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * This JVM's threads as Linux lists them ({@code /proc/self/task}), with the names the system has for them: the
 * JVM's own threads (compilers, the collector's workers) are not Java threads that Java's thread API shows.
 */
public final class NativeThreads {
    private static final Path TASKS = Path.of("/proc/self/task");

    /** A thread: its folder in /proc, its kernel id and its name (cut to 15 characters by the system). */
    public record Task(Path dir, int tid, String name) {
    }

    private NativeThreads() {
    }

    /** The process's threads now, each with its name; empty off Linux or when /proc cannot be read. */
    public static List<Task> list() {
        if (!Files.isDirectory(TASKS)) {
            return List.of();
        }
        List<Task> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path dir : (Iterable<Path>) tasks::iterator) {
                String name = readName(dir);
                if (!name.isEmpty()) { // empty: the thread ended since the folder was listed
                    out.add(new Task(dir, Integer.parseInt(dir.getFileName().toString()), name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc unreadable part way: the threads found so far
        }
        return out;
    }

    /** A thread's name as the system has it ({@code /proc/<pid>/task/<tid>/comm}), empty when it has gone. */
    private static String readName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
