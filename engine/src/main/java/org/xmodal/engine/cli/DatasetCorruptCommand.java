package org.xmodal.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.folder.DatasetCorruptor;
import org.xmodal.engine.json.Identified;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal dataset corrupt}: a noisy copy of a folder dataset (see {@link DatasetCorruptor}). */
@Command(name = "corrupt", mixinStandardHelpOptions = true,
        description = {"Writes a copy of a folder dataset in which a fraction of the train pairs have their RGB image "
                + "(the teacher's view) spoiled while depth or flow (the student's view) stays as it was: noisy pairs, "
                + "as in Xia et al. 2023. dataset.json records per pair how. Test pairs are never touched.",
                "Kinds: shift (translated by 10-25%% of the image, edges repeated), neighbour (the RGB of another view"
                        + " of the same scene class, or the adjacent frame), occlusion (30-60%% under a flat box), blank"
                        + " (flat grey), swap (the RGB of a pair of another scene class).",
                "The same arguments always write byte-identical files."})
final class DatasetCorruptCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "IN", description = "the folder dataset to copy")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "where the copy goes (new or empty)")
    Path out;

    @Option(names = "--fraction", required = true, paramLabel = "F",
            description = "share of the train pairs to corrupt, 0 to 1 (rounded to a whole number of pairs)")
    double fraction;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "chooses the pairs, kinds and pixels (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--kinds", split = ",", paramLabel = "KINDS",
            description = "the kinds a corrupted pair's corruption is drawn from, uniformly: some of shift, "
                    + "neighbour, occlusion, blank, swap (default: all)")
    List<String> kinds;

    @Override
    public Integer call() throws Exception {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--fraction must be between 0 and 1, got " + fraction);
        }
        Set<Corruption.Kind> chosen = kinds(kinds, "--kinds");
        TerminalProgress progress = new TerminalProgress("corrupt", err());
        DatasetCorruptor.Report r;
        try {
            r = DatasetCorruptor.corrupt(data, out, fraction, seed, chosen, progress);
        } finally {
            progress.done();
        }
        out().println("corrupt: " + r.total() + " of " + r.trainPairs() + " train pairs of " + data
                + " corrupted into " + out + " (seed " + seed + ")");
        printCounts(out(), r, chosen);
        return 0;
    }

    /** One line per kind asked for: "  shift: 3 pairs (translated by ...)". */
    static void printCounts(PrintWriter out, DatasetCorruptor.Report r, Set<Corruption.Kind> asked) {
        for (Corruption.Kind k : asked) {
            int n = r.count(k);
            out.println("  " + k.id() + ": " + n + (n == 1 ? " pair" : " pairs") + " (" + k.description() + ")");
        }
    }

    /**
     * The kinds named by {@code ids} (all when null), in their usual order.
     *
     * @param option the option they came from, for the message
     */
    static Set<Corruption.Kind> kinds(List<String> ids, String option) {
        if (ids == null) {
            return EnumSet.allOf(Corruption.Kind.class);
        }
        Set<Corruption.Kind> out = EnumSet.noneOf(Corruption.Kind.class);
        for (String id : ids) {
            if (id.isBlank()) {
                continue;
            }
            try {
                out.add(Corruption.Kind.parse(id));
            } catch (Identified.UnknownId e) {
                throw new IllegalArgumentException(e.forField(option), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(option + " names no kind; choose some of shift, neighbour, occlusion, "
                    + "blank and swap");
        }
        return out;
    }
}
