package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.proposals.GroupingStrategy;
import org.xmodal.engine.proposals.ProposalConfig;
import org.xmodal.engine.proposals.ProposalRecall;
import org.xmodal.engine.proposals.SelectiveSearch;
import org.xmodal.engine.run.RunSpecFiles;
import org.xmodal.engine.task.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal proposals --data DIR}: object proposals for every annotated image and their recall. */
@Command(name = "proposals", mixinStandardHelpOptions = true,
        description = "Compute class-agnostic object proposals (selective search on colour and depth) for a "
                + "dataset's annotated images and print their recall at IoU 0.5 per class and overall, with "
                + "proposals per image and ms per image.")
final class ProposalsCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--spec", paramLabel = "F.json",
            description = "Take the HHA settings of the depth cues from this run spec's encoding (default: the "
                    + "reference settings with the dataset's camera).")
    Path spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A paired dataset (see `dataset`).")
    Path data;

    @Option(names = "--top", split = ",", defaultValue = "100,300,1000", paramLabel = "N",
            description = "Recall among the first N proposals of each image; several budgets separated by commas "
                    + "(default 100,300,1000).")
    int[] tops;

    @Option(names = "--split", defaultValue = "all", paramLabel = "train|test|all",
            description = "Which pairs to measure (default all).")
    String split;

    @Option(names = "--colour-only", description = "Leave depth out (RGB superpixels and colour, size and fill "
            + "similarities only), to see what depth adds.")
    boolean colourOnly;

    @Override
    public Integer call() throws Exception {
        Split wanted = split();
        ProposalRecall recall = new ProposalRecall(tops); // checks the budgets before the data is read
        try (PairedDataset ds = DatasetLoaders.open(data, new TerminalProgress("loading", err()), Cancellation.NEVER)) {
            List<Pair> pairs = (wanted == null ? ds.pairs() : ds.pairs(wanted)).stream()
                    .filter(p -> !p.annotation().objects().isEmpty()).toList();
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException(data + ": no " + split + " pair has annotated objects");
            }
            boolean depth = !colourOnly && ds.modality() == Modality.DEPTH && ds.camera().isPresent();
            ProposalConfig config = depth ? ProposalConfig.rgbd() : ProposalConfig.rgbd().withoutDepth();
            SelectiveSearch search = new SelectiveSearch(config);
            HhaEncoder encoder = new HhaEncoder();
            Encoding.Depth settings = (spec == null ? Encoding.defaults() : RunSpecFiles.read(spec).encoding()).depth();
            HhaConfig hhaConfig = depth ? settings.hha(ds.camera()) : null;
            double depthRatio = settings.depthRatio(ds.depthUnitsPerMetre());
            TerminalProgress progress = new TerminalProgress("proposals", err());
            long proposalNanos = 0;
            long hhaNanos = 0;
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                RgbImage rgb = ds.rgb(p);
                DepthMap filled = depth ? ds.depth(p).scaled(depthRatio) : null;
                DepthMap raw = depth ? ds.rawDepth(p).map(d -> d.scaled(depthRatio)).orElse(null) : null;
                long t0 = System.nanoTime();
                RgbImage hha = depth ? encoder.encode(filled, raw, hhaConfig).hha() : null;
                long t1 = System.nanoTime();
                var boxes = search.propose(rgb, hha);
                long t2 = System.nanoTime();
                hhaNanos += t1 - t0;
                proposalNanos += t2 - t1;
                recall.add(p.annotation().objects(), boxes);
                progress.progress(p.id(), (i + 1) / (double) pairs.size());
            }
            print(ds, recall, config, depth, proposalNanos, hhaNanos);
            return 0;
        }
    }

    /** The chosen split, or null for all pairs. */
    private Split split() {
        return switch (split.toLowerCase(Locale.ROOT)) {
            case "all" -> null;
            case "train" -> Split.TRAIN;
            case "test" -> Split.TEST;
            default -> throw new IllegalArgumentException("--split must be train, test or all, got " + split);
        };
    }

    private void print(PairedDataset ds, ProposalRecall recall, ProposalConfig config, boolean depth,
                       long proposalNanos, long hhaNanos) {
        var o = out();
        o.printf(Locale.ROOT, "%s: %d %s images, %d ground-truth boxes%n", ds.name(), recall.images(),
                split.toLowerCase(Locale.ROOT), recall.boxes());
        o.println("selective search, " + (depth ? "colour and depth" : "colour only") + ": "
                + String.join(", ", config.strategies().stream().map(GroupingStrategy::toString).toList()));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %6s", "recall@IoU0.5", "boxes"));
        for (int t : recall.tops()) {
            header.append(String.format(Locale.ROOT, " %7s", "top" + t));
        }
        o.println(header);
        Map<String, double[]> perClass = recall.perClass();
        for (String c : ds.classes()) {
            if (perClass.containsKey(c)) {
                o.println(row(c, recall.boxes(c), perClass.get(c)));
            }
        }
        perClass.keySet().stream().filter(c -> !ds.classes().contains(c)).sorted()
                .forEach(c -> o.println(row(c, recall.boxes(c), perClass.get(c))));
        o.println(row("all", recall.boxes(), recall.overall()));
        o.printf(Locale.ROOT, "proposals/image: %.1f%n", recall.proposalsPerImage());
        if (depth) {
            o.printf(Locale.ROOT, "HHA encoding: %.1f ms/image%n", hhaNanos / 1e6 / recall.images());
        }
        o.printf(Locale.ROOT, "%.1f ms/image%n", proposalNanos / 1e6 / recall.images());
    }

    private static String row(String name, int boxes, double[] r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %6d", name, boxes));
        for (double v : r) {
            b.append(String.format(Locale.ROOT, " %7.3f", v));
        }
        return b.toString();
    }
}
