package org.xmodal.app.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Which dataset the window opens on when it starts. */
public final class StartDataset {
    private StartDataset() {
    }

    /**
     * The dataset named on the command line; else the most recent one that still exists (one moved or deleted since
     * is passed over, not reported: nobody asked for it this time); else the bundled sample data; else none.
     */
    public static Optional<Path> choose(Optional<Path> commandLine, List<Path> recent, Optional<Path> sample,
                                        Predicate<Path> exists) {
        if (commandLine.isPresent()) {
            return commandLine;
        }
        return recent.stream().filter(exists).findFirst().or(() -> sample);
    }
}
