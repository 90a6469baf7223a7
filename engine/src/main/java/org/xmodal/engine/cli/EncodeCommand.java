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

    @Option(names = "--shard", paramLabel = "I/N", description = "Encode only shard I of N (0-based): the pairs "
            + "whose place in the dataset is I modulo N. A job array's tasks each take one.")
    String shard;

    @Option(names = "--slurm", description = "Encode on a Slurm cluster as a job array of --shards tasks into the "
            + "cache (on a filesystem the nodes share), with the cluster profile's options; what is cached already "
            + "is skipped, so submitting again redoes only what a failed or cancelled task left.")
    boolean slurm;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "8", description = "Tasks of the job array with "
            + "--slurm (default ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--profile", paramLabel = "F", description = "With --slurm: a cluster profile instead of "
            + "~/.config/xmodal/cluster.json.")
    Path profile;

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
        int[] part = shard == null ? new int[] {0, 1} : parseShard(shard);
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
            if (slurm) {
                return submit(dataset, c, ds.pairs().size());
            }
            if (shard != null) {
                err().println("shard " + part[0] + " of " + part[1] + " (0-based): every " + part[1] + "th pair");
            }
            DatasetEncoder.Summary s = new DatasetEncoder(c).encodeShard(ds, encoding, part[0], part[1],
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

    private int[] parseShard(String text) {
        String[] p = text.split("/");
        try {
            int i = Integer.parseInt(p[0].strip());
            int n = Integer.parseInt(p[1].strip());
            if (p.length == 2 && n >= 1 && i >= 0 && i < n) {
                return new int[] {i, n};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // said below
        }
        throw new picocli.CommandLine.ParameterException(super.spec.commandLine(), "--shard " + text + ": give I/N with "
                + "0 <= I < N, such as 3/8");
    }

    /** The same command as a job array, each task with its --shard; its logs in the cache's slurm/ folder. */
    private int submit(Path dataset, EncodingCache c, int pairs) throws java.io.IOException {
        if (shard != null) {
            throw new IllegalArgumentException("--slurm makes the shards itself (--shards N); leave out --shard");
        }
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, got " + shards);
        }
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("encode", "--data",
                dataset.toAbsolutePath().normalize().toString(), "--cache", c.root().toAbsolutePath().toString()));
        if (spec != null) {
            words.addAll(java.util.List.of("--spec", spec.toAbsolutePath().normalize().toString()));
        }
        if (method != null) {
            words.addAll(java.util.List.of("--method", method));
        }
        org.xmodal.engine.cluster.SlurmOptions options = org.xmodal.engine.cluster.SlurmOptions.read(
                profile != null ? profile : org.xmodal.engine.cluster.SlurmOptions.standardProfile(), profile != null);
        int tasks = Math.min(shards, Math.max(1, pairs));
        String job = org.xmodal.engine.cluster.ClusterRuns.submitShards(words, tasks, c.root(), options,
                org.xmodal.engine.cluster.Slurm.onPath());
        out().printf(Locale.ROOT, "Slurm job array %s: %d shards of %d pairs into %s (logs: %s)%n", job, tasks, pairs,
                c.root(), c.root().resolve("slurm"));
        return 0;
    }
}
