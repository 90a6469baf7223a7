package org.xmodal.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import picocli.CommandLine;

/** Base of the commands: results go to picocli's out writer, messages to its err writer (tests capture both). */
abstract class CliCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Opens a dataset, checking its pairs with a progress bar drawn only on a terminal and erased before anything is
     * printed, so that a script reading stderr sees the verdict first.
     */
    protected PairedDataset openDataset(Path path) throws IOException {
        ProgressListener checking = TerminalProgress.whileChecking(err());
        try {
            return DatasetLoaders.open(path, checking, Cancellation.NEVER);
        } finally {
            if (checking instanceof TerminalProgress bar) {
                bar.clear();
            }
        }
    }
}
