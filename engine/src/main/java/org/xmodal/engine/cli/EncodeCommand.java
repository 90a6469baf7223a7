package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.xmodal.engine.transfer.TeacherFeatureEncoder;
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
            + "cache (on a filesystem the nodes share), with the Slurm options below over the cluster profile's; what "
            + "is cached already "
            + "is skipped, so submitting again redoes only what a failed or cancelled task left.")
    boolean slurm;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "8", description = "Tasks of the job array with "
            + "--slurm (default ${DEFAULT-VALUE}).")
    int shards;

    @picocli.CommandLine.Mixin
    SlurmChoices cluster = new SlurmChoices();

    @Option(names = "--teacher-features", description = "With --spec of a transfer run with a teacher cache "
            + "(teacher.cache true and a finite set of crops): compute the teacher's features of every training pair, "
            + "crop and flip the run can ask for, into the cache the run reads (with --shard: the shard's own file, "
            + "which the cache gathers when it is next opened).")
    boolean teacherFeatures;

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
        if (!slurm && cluster.firstGiven() != null) {
            throw new picocli.CommandLine.ParameterException(super.spec.commandLine(), cluster.firstGiven()
                    + " is a Slurm option: give it with --slurm");
        }
        EncodingCache c = cache == null ? EncodingCache.userDefault() : new EncodingCache(cache);
        int[] part = shard == null ? new int[] {0, 1} : parseShard(shard);
        if (teacherFeatures) {
            return teacherFeatures(c, part);
        }
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

    /** {@code --teacher-features}: the spec's run's teacher features, here or as a job array. */
    private int teacherFeatures(EncodingCache c, int[] part) throws Exception {
        if (spec == null) {
            throw new IllegalArgumentException("--teacher-features computes a run's teacher features: give the run's "
                    + "spec with --spec F.json");
        }
        if (data != null || method != null) {
            throw new IllegalArgumentException("--teacher-features computes them for the spec's own dataset and "
                    + "crops, as its run reads them: leave out " + (data != null ? "--data" : "--method"));
        }
        RunSpec run = RunSpecFiles.read(spec);
        TeacherFeatureEncoder.check(run);
        if (slurm) {
            int pairs;
            try (PairedDataset ds = openDataset(Path.of(run.data()))) {
                pairs = ds.pairs(org.xmodal.engine.data.Split.TRAIN).size();
            }
            err().println("teacher features (" + run.teacher().source().id() + " " + run.teacher().architecture()
                    + ", up to " + (run.teacher().tap() == null ? "pool5" : run.teacher().tap()) + ") of " + spec + "'s training pairs");
            return submitShards(List.of("encode", "--spec", spec.toAbsolutePath().normalize().toString(), "--cache",
                    c.root().toAbsolutePath().toString(), "--teacher-features"), c, pairs, "training pairs");
        }
        EngineThreads.apply(run.threads());
        if (shard != null) {
            err().println("shard " + part[0] + " of " + part[1] + " (0-based): the training pairs from "
                    + part[0] + "/" + part[1] + " to " + (part[0] + 1) + "/" + part[1] + " of the way");
        }
        TeacherFeatureEncoder.Summary s = TeacherFeatureEncoder.encode(run, c, part[0], part[1],
                new TerminalProgress("teacher features", err()), Cancellation.NEVER);
        out().printf(Locale.ROOT, "%d teacher feature views computed, %d already cached, of %d in %.1f s%s; %s%n",
                s.computed(), s.reused(), s.views(), s.seconds(), s.computed() > 0
                        ? String.format(Locale.ROOT, " (%.1f ms/view)", 1000 * s.seconds() / s.computed()) : "",
                s.file() == null ? "no pair in this shard" : s.file());
        return 0;
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
        List<String> words = new ArrayList<>(List.of("encode", "--data",
                dataset.toAbsolutePath().normalize().toString(), "--cache", c.root().toAbsolutePath().toString()));
        if (spec != null) {
            words.addAll(List.of("--spec", spec.toAbsolutePath().normalize().toString()));
        }
        if (method != null) {
            words.addAll(List.of("--method", method));
        }
        return submitShards(words, c, pairs, "pairs");
    }

    /** {@code words} (an encode command) as a job array of up to --shards tasks, each adding its --shard. */
    private int submitShards(List<String> words, EncodingCache c, int pairs, String what) throws java.io.IOException {
        if (shard != null) {
            throw new IllegalArgumentException("--slurm makes the shards itself (--shards N); leave out --shard");
        }
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, got " + shards);
        }
        org.xmodal.engine.cluster.SlurmOptions options = cluster.options();
        int tasks = Math.min(shards, Math.max(1, pairs));
        String job = org.xmodal.engine.cluster.ClusterRuns.submitShards(words, tasks, c.root(), options,
                org.xmodal.engine.cluster.Slurm.onPath());
        out().printf(Locale.ROOT, "Slurm job array %s: %d shards of %d %s into %s (logs: %s)%n", job, tasks, pairs,
                what, c.root(), c.root().resolve("slurm"));
        return 0;
    }
}
