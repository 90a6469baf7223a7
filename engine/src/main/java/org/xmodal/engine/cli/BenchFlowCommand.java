package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.flow.EndPointError;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.flow.OpenCvCuda;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal bench flow}: speed and end-point error of the flow methods on frame pairs with ground truth. */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Average end-point error and frames per second (on one thread, and with one estimator per "
                + "core) of each flow method on a flow dataset with ground truth (e.g. sample-data/synth-rgbd/flow). "
                + "CUDA methods (cuda-*) are measured on the GPU build with an NVIDIA GPU, listed as skipped, with "
                + "the reason, elsewhere. Last line: the figure of --method.")
final class BenchFlowCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "sample-data/synth-rgbd/flow", paramLabel = "DIR",
            description = "Flow dataset with .flo ground truth (default: the bundled synthetic sequences).")
    Path data;

    @Option(names = "--method", defaultValue = "dis-fast", description = "Method for the last line (all are "
            + "measured; default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--only", description = "Measure only --method.")
    boolean only;

    @Override
    public Integer call() throws Exception {
        FlowMethod headline = FlowMethod.parse(method);
        OpenCvCuda.require(headline); // its figure is the one asked for: refused at once where it cannot run
        try (PairedDataset ds = DatasetLoaders.open(data, new TerminalProgress("checking", err()),
                Cancellation.NEVER)) {
            if (ds.modality() != Modality.FLOW) {
                throw new BadInputException(data, "is a " + ds.modality().id() + " dataset; bench flow needs frame pairs");
            }
            List<Pair> withTruth = new ArrayList<>();
            for (Pair p : ds.pairs()) {
                if (p.files() != null && p.files().groundTruthFlow() != null) {
                    withTruth.add(p);
                }
            }
            if (withTruth.isEmpty()) {
                throw new BadInputException(data, "has no ground-truth .flo files to measure against");
            }
            List<RgbImage[]> frames = new ArrayList<>();
            List<FlowField> truths = new ArrayList<>();
            for (Pair p : withTruth) {
                frames.add(new RgbImage[] {ds.rgb(p), ds.next(p)});
                truths.add(ds.groundTruthFlow(p).orElseThrow());
            }
            RgbImage first = frames.get(0)[0];
            int cores = Runtime.getRuntime().availableProcessors();
            // OpenCV's own thread pool off: one thread is one estimator, and all cores are one estimator per core
            org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
            String last = null;
            for (FlowMethod m : FlowMethod.values()) {
                if (only && m != headline) {
                    continue;
                }
                java.util.Optional<String> unavailable = OpenCvCuda.whyUnavailable(m);
                if (unavailable.isPresent()) {
                    out().println(m.id() + ": skipped: " + unavailable.get());
                    continue;
                }
                FlowEstimator est = new FlowEstimator(FlowConfig.defaults(m));
                est.estimate(frames.get(0)[0], frames.get(0)[1]); // warm-up
                double epe = 0;
                for (int i = 0; i < frames.size(); i++) {
                    epe += EndPointError.average(est.estimate(frames.get(i)[0], frames.get(i)[1]), truths.get(i));
                }
                double one = framesPerSecond(m, frames, 1);
                double all = cores > 1 ? framesPerSecond(m, frames, cores) : one;
                String line = String.format(Locale.ROOT, "%s: %.1f frames/s on 1 thread, %.1f on %d, EPE %.3f px "
                        + "(%d pairs at %dx%d)", m.id(), one, all, cores, epe / frames.size(), frames.size(),
                        first.width(), first.height());
                if (m == headline) {
                    last = line;
                } else {
                    out().println(line);
                }
            }
            out().println(last);
            return 0;
        }
    }

    /**
     * Frames per second of {@code threads} estimators, each on its share of the pairs, repeating the pairs until a
     * second has passed (at least once), after one warm-up pair per estimator.
     */
    private static double framesPerSecond(FlowMethod m, List<RgbImage[]> frames, int threads) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(threads);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            long[] end = new long[1];
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                jobs.add(pool.submit(() -> {
                    FlowEstimator est = new FlowEstimator(FlowConfig.defaults(m));
                    est.estimate(frames.get(0)[0], frames.get(0)[1]);
                    ready.countDown();
                    go.await();
                    int i = offset;
                    while (System.nanoTime() < end[0] || i == offset) {
                        RgbImage[] f = frames.get(i % frames.size());
                        est.estimate(f[0], f[1]);
                        done.incrementAndGet();
                        i += threads;
                    }
                    return null;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            end[0] = start + 1_000_000_000L;
            go.countDown();
            for (java.util.concurrent.Future<?> j : jobs) {
                j.get();
            }
            return done.get() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
