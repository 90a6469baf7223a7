package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xmodal dataset PATH}: loads a dataset, checks every pair and prints the report. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Check a paired dataset and print its report: pairs, splits, labels and every problem found.",
                "'xmodal dataset corrupt --data IN --out OUT --fraction F' writes a copy with noisy pairs."},
        subcommands = DatasetCorruptCommand.class)
final class DatasetCommand extends CliCommand implements Callable<Integer> {
    // optional for picocli only, so that 'dataset corrupt ...' does not ask for it; call() requires it
    @Parameters(paramLabel = "PATH", arity = "0..1", description = "A dataset folder (dataset.json or rgb/ + depth/), "
            + "NYU Depth v2's nyu_depth_v2_labeled.mat, or a folder of video frames.")
    Path path;

    @Option(names = "--strict", description = "Exit with status 3 when the report has any warning or error.")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        if (path == null) {
            // as picocli says it for any missing parameter
            err().println("xmodal: Missing required parameter: 'PATH'");
            err().println("Try 'xmodal dataset --help'.");
            return XmodalCli.EXIT_BAD_INPUT;
        }
        try (PairedDataset ds = openDataset(path)) {
            if (ds.pairs().isEmpty()) {
                // the verdict first, on stderr, for scripts; the report of why follows on stdout
                err().println("xmodal: " + path + ": no usable pair (" + ds.report().summary() + ")");
                err().flush();
            }
            out().println(ds.name() + ": " + ds.modality().id() + " pairs from " + ds.root());
            out().printf("pairs: %d train (%d labelled), %d test (%d labelled)%n",
                    ds.pairs(Split.TRAIN).size(), ds.labelled(Split.TRAIN).size(),
                    ds.pairs(Split.TEST).size(), ds.labelled(Split.TEST).size());
            ds.camera().ifPresent(c -> out().printf(java.util.Locale.ROOT,
                    "camera: fx %.2f fy %.2f cx %.2f cy %.2f for %dx%d%n", c.fx(), c.fy(), c.cx(), c.cy(),
                    c.width(), c.height()));
            out().println("report: " + ds.report().summary());
            for (DatasetIssue issue : ds.report().issues()) {
                out().println("  " + issue.line());
            }
            if (ds.pairs().isEmpty()) {
                return XmodalCli.EXIT_BAD_INPUT;
            }
            return strict && !ds.report().isClean() ? 3 : 0;
        }
    }
}
