package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.run.RunDirectory;

/**
 * Looks at a folder of runs: which runs it holds (newest first) and what each one's engine wrote since the last
 * look. Used by one job at a time, off the UI thread; whatever started a run (this window, an earlier session, a
 * terminal) it shows the same.
 */
final class RunWatcher {
    /** The runs present, newest first, and the updates of those that changed. */
    record Scan(List<String> present, List<RunUpdate> updates) {
    }

    private final Path root;
    private final Map<String, RunTail> tails = new HashMap<>();

    RunWatcher(Path root) {
        this.root = root;
    }

    Scan scan() throws IOException {
        List<String> present = new ArrayList<>();
        List<RunUpdate> updates = new ArrayList<>();
        for (RunDirectory run : RunDirectory.list(root)) {
            present.add(run.id());
            RunUpdate u = tails.computeIfAbsent(run.id(), id -> new RunTail(run.path())).poll();
            if (u != null) {
                updates.add(u);
            }
        }
        tails.keySet().retainAll(present);
        return new Scan(present, updates);
    }
}
