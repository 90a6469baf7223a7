package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.DatasetEncoder;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.task.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal encode}: HHA (depth) or flow (frame pairs) for a whole dataset, into the encoding cache. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode every pair of a dataset (HHA for depth, optical flow for frame pairs) on all cores, into "
                + "a cache keyed by the input files and every parameter, so nothing is computed twice.")
final class EncodeCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "PATH", description = "The dataset.")
    Path data;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache folder (default: $XDG_CACHE_HOME/xmodal or ~/.cache/xmodal).")
    Path cache;

    @Option(names = "--method", defaultValue = "brox", description = "Flow method for frame pairs.")
    String method;

    @Override
    public Integer call() throws Exception {
        EncodingCache c = cache == null ? EncodingCache.userDefault() : new EncodingCache(cache);
        try (PairedDataset ds = openDataset(data)) {
            if (ds.pairs().isEmpty()) {
                err().println("xmodal: " + data + ": no usable pair to encode (" + ds.report().summary() + ")");
                for (DatasetIssue issue : ds.report().issues()) {
                    err().println("  " + issue.line());
                }
                return XmodalCli.EXIT_BAD_INPUT;
            }
            if (!ds.report().isClean()) {
                err().println("dataset: " + ds.report().summary() + " (see ./xmodal dataset " + data + ")");
            }
            HhaConfig hha = HhaConfig.reference(ds.camera().orElse(CameraIntrinsics.nyuColour()));
            DatasetEncoder.Summary s = new DatasetEncoder(c).encodeAll(ds, hha,
                    FlowConfig.defaults(FlowMethod.parse(method)), new TerminalProgress("encoding", err()),
                    Cancellation.NEVER);
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
