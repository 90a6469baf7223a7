package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.DatasetEncoder;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunSpecFiles;
import org.xmodal.engine.task.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xmodal encode}: HHA (depth) or flow (frame pairs) for a whole dataset, into the encoding cache; with
 * {@code --spec}, exactly as that run will read them.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode every pair of a dataset (HHA for depth, optical flow for frame pairs) on all cores, into "
                + "a cache keyed by the input files and every parameter, so nothing is computed twice. With --spec, "
                + "the dataset and the encoding are the run spec's, so the run finds everything cached.")
final class EncodeCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "PATH",
            description = "The dataset (default with --spec: the spec's data).")
    Path data;

    @Option(names = "--spec", paramLabel = "F.json",
            description = "A run spec: encode its dataset with its encoding section (missing fields take defaults).")
    Path spec;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache folder (default: $XDG_CACHE_HOME/xmodal or ~/.cache/xmodal).")
    Path cache;

    @Option(names = "--method", description = "Flow method for frame pairs, without --spec (default: dis-fast, as new runs).")
    String method;

    @Override
    public Integer call() throws Exception {
        Encoding encoding = Encoding.forNewRuns();
        Path dataset = data;
        if (spec != null) {
            if (method != null) {
                throw new IllegalArgumentException("--method and --spec both say how to encode flow: set the method "
                        + "in the spec's encoding.flow.method, or leave out --spec");
            }
            RunSpec run = RunSpecFiles.read(spec);
            encoding = run.encoding();
            dataset = data != null ? data : Path.of(run.data());
        } else if (method != null) {
            encoding = encoding.withFlow(Encoding.Flow.defaults(FlowMethod.parse(method)));
        }
        if (dataset == null) {
            throw new IllegalArgumentException("say which dataset to encode: --data PATH, or --spec F.json");
        }
        EncodingCache c = cache == null ? EncodingCache.userDefault() : new EncodingCache(cache);
        try (PairedDataset ds = openDataset(dataset)) {
            if (ds.pairs().isEmpty()) {
                err().println("xmodal: " + dataset + ": no usable pair to encode (" + ds.report().summary() + ")");
                for (DatasetIssue issue : ds.report().issues()) {
                    err().println("  " + issue.line());
                }
                return XmodalCli.EXIT_BAD_INPUT;
            }
            if (!ds.report().isClean()) {
                err().println("dataset: " + ds.report().summary() + " (see ./xmodal dataset " + dataset + ")");
            }
            err().println("encoding: " + encoding.summary(ds.modality()));
            DatasetEncoder.Summary s = new DatasetEncoder(c).encodeAll(ds, encoding,
                    new TerminalProgress("encoding", err()), Cancellation.NEVER);
            for (DatasetIssue f : s.failures()) {
                err().println("  " + f.line());
            }
            int computed = s.encoded();
            out().printf(Locale.ROOT, "%d encoded, %d already cached, %d failed in %.1f s%s; cache %s%n", computed,
                    s.reused(), s.failures().size(), s.seconds(), computed > 0
                            ? String.format(Locale.ROOT, " (%.1f ms/pair)", 1000 * s.seconds() / computed) : "",
                    c.root());
            return s.failures().isEmpty() ? 0 : 3;
        }
    }
}
