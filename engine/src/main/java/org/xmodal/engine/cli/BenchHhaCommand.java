package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.image.DepthMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal bench hha}: single-frame HHA latency with a warm JVM; prints the median last. */
@Command(name = "hha", mixinStandardHelpOptions = true,
        description = "Time the HHA encoding of one frame (warm JVM, all cores). Last line: the median in ms/frame.")
final class BenchHhaCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--depth", required = true, paramLabel = "F", description = "Filled depth, 16-bit PNG.")
    Path depth;

    @Option(names = "--raw", paramLabel = "F", description = "Raw depth, 16-bit PNG (zeros = missing).")
    Path raw;

    @Option(names = "--depth-scale", defaultValue = "10000", paramLabel = "UNITS_PER_METRE",
            description = "Stored units per metre (default 10000, NYU Depth v2's PNGs).")
    double depthScale;

    @Option(names = "--camera", paramLabel = "fx,fy,cx,cy|nyu|nyu-crop", description = CameraArgument.HELP)
    String camera;

    @Option(names = "--repeat", defaultValue = "50", description = "Timed repetitions (after as many warm-up ones).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        DepthMap filled = DepthInputs.read(depth, depthScale);
        DepthMap rawDepth = DepthInputs.readRaw(raw, filled, depthScale);
        HhaConfig config = HhaConfig.reference(new CameraArgument(camera).forImage(filled.width(), filled.height()));
        HhaEncoder encoder = new HhaEncoder();
        for (int i = 0; i < repeat; i++) {
            encoder.encode(filled, rawDepth, config);
        }
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            encoder.encode(filled, rawDepth, config);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        out().printf(Locale.ROOT, "hha %dx%d, %d threads, %d timed runs: min %.1f ms, p90 %.1f ms%n",
                filled.width(), filled.height(), java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1,
                repeat, ms[0], ms[(int) Math.min(repeat - 1, Math.floor(repeat * 0.9))]);
        out().printf(Locale.ROOT, "%.1f ms/frame%n", ms[repeat / 2]);
        return 0;
    }
}
