package org.xmodal.engine.cli;

import org.xmodal.engine.run.OptimizerType;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NetworkTeacher;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.train.OptimisationStep;
import org.xmodal.engine.train.ParameterOptimizer;
import org.xmodal.engine.transfer.SupervisionTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xmodal bench transfer}: whole supervision-transfer steps per second, the same step as
 * {@code shared/bench/torch_transfer_peer.py} in plain PyTorch (frozen teacher to pool5, student forward and
 * backward, 1x1 conv + ReLU adaptation, squared L2, SGD with momentum 0.9 and weight decay 5e-4) on fixed random
 * inputs made once on the native side, 3 warm-up steps then the timed ones. It runs the code real runs run
 * ({@link SupervisionTransfer}, {@link OptimisationStep}, the SGD optimiser), not a copy of it. The learning rate
 * is lower than the peer's 1e-3, at which our He-initialised networks diverge on these inputs (PyTorch's default
 * initialisation is smaller); a rate changes no work, but a non-finite loss would skip backward and the update,
 * so the bench stops rather than time such steps. The machine's load average is printed with the figure, since
 * the machine may be shared. With {@code --peer}, the peer script runs after each of our rounds, so that both are
 * timed under the same load, and both figures are printed; the last line stays our figure.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Time whole supervision-transfer steps on fixed random inputs. Last line: images/s.")
final class BenchTransferCommand extends CliCommand implements Callable<Integer> {
    private static final String TAP = "pool5";
    private static final int WARM_UP = 3;

    @Option(names = "--arch", defaultValue = NetworkFactory.ALEXNET, paramLabel = "A",
            description = "Architecture of teacher and student (default alexnet).")
    String arch;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "B", description = "Pairs per step (default 32).")
    int batch;

    @Option(names = "--size", defaultValue = "227", paramLabel = "S", description = "Input side in px (default 227).")
    int size;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N",
            description = "Timed steps, after " + WARM_UP + " warm-up steps (default 10).")
    int steps;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "T",
            description = "PyTorch intra-op threads (default 2).")
    int threads;

    @Option(names = "--lr", defaultValue = "1e-6", paramLabel = "RATE",
            description = "SGD learning rate (default 1e-6; the peer's 1e-3 makes our He-initialised networks "
                    + "diverge on these inputs, and a rate does not change the work of a step).")
    double lr;

    @Option(names = "--layers", defaultValue = "paper", paramLabel = "paper|peer",
            description = "paper (default): the architecture as runs use it (AlexNet with LRN and grouped conv2, "
                    + "conv4, conv5); peer: the layers of shared/bench/torch_transfer_peer.py (no LRN, no groups, "
                    + "conv1 padding 2), for a like-for-like comparison with it.")
    String layers;

    @Option(names = "--peer", paramLabel = "SCRIPT",
            description = "Also time the same step in plain PyTorch with this script (shared/bench/"
                    + "torch_transfer_peer.py, run with python3 and the same --arch, --batch, --size, --steps and "
                    + "--threads), alternating with ours round by round, and print both figures.")
    Path peer;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "R",
            description = "Timed rounds of --steps steps (default 1); with several, the medians are printed. "
                    + "Alternating rounds with --peer puts both under the same machine load.")
    int rounds;

    @Option(names = "--report-rss-at", split = ",", paramLabel = "STEP",
            description = "Print the resident memory (VmRSS) after these step counts, warm-up steps included "
                    + "(for example 200,2000).")
    List<Long> rssAt = List.of();

    @Override
    public Integer call() throws IOException {
        if (batch < 1 || size < 1 || steps < 1 || threads < 1 || rounds < 1) {
            throw new IllegalArgumentException("--batch, --size, --steps, --threads and --rounds must be at least 1");
        }
        if (peer != null && !Files.isRegularFile(peer)) {
            throw new IllegalArgumentException("--peer " + peer + ": no such file (the peer script is "
                    + "shared/bench/torch_transfer_peer.py)");
        }
        EngineThreads.apply(threads);
        EngineInfo engine = EngineInfo.probe();
        Shape input = new Shape(batch, 3, size, size);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            FeatureNetwork teacherNet = network();
            teacherNet.outputShape(input, TAP); // a clear message when the input is too small
            teacherNet.initializeUpTo(manager, input, 1, TAP);
            try (SupervisionTransfer transfer = SupervisionTransfer.create(
                    NetworkTeacher.of(teacherNet, TAP, Device.cpu()), network(), TAP, null, input, 2, manager)) {
                ParameterOptimizer sgd = ParameterOptimizer.create(OptimizerType.SGD, 0.9, 5e-4, manager);
                // stored channels last, as the runs' batches are (NetworkInput)
                NDArray rgb = NetworkInput.channelsLast(manager.randomUniform(0, 1, input));
                NDArray paired = NetworkInput.channelsLast(manager.randomUniform(0, 1, input));
                OptimisationStep step = new OptimisationStep(manager, transfer.trainable(), sgd,
                        (stepManager, n) -> transfer.loss(view(rgb, stepManager), view(paired, stepManager)));
                return time(step, engine);
            }
        }
    }

    private FeatureNetwork network() {
        return switch (layers) {
            case "paper" -> NetworkFactory.create(arch, 3, 0);
            case "peer" -> NetworkFactory.peerAlexNet(arch, 3);
            default -> throw new IllegalArgumentException("--layers is paper or peer, not '" + layers + "'");
        };
    }

    private int time(OptimisationStep step, EngineInfo engine) throws IOException {
        long done = 0;
        double first = Double.NaN;
        for (int i = 0; i < WARM_UP; i++) {
            double loss = checked(step.run(done, lr), done);
            first = i == 0 ? loss : first;
            reportRss(++done);
        }
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            String loadBefore = loadAverage();
            double last = Double.NaN;
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                last = checked(step.run(done, lr), done);
                reportRss(++done);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ours[round] = batch * steps / seconds;
            out().printf(Locale.ROOT, "%s%s %s via DJL %s, %d intra-op threads; %s batch=%d size=%d to %s; %d warm-up "
                            + "+ %d timed steps, %.1f ms/step; loss %.4g -> %.4g; load average %s before, %s after%n",
                    rounds > 1 ? "round " + (round + 1) + ": " : "", engine.engine(), engine.engineVersion(),
                    engine.djlVersion(), JniUtils.getNumThreads(), arch + ("peer".equals(layers) ? " (peer layers)"
                            : ""), batch, size, TAP, WARM_UP, steps, seconds * 1e3 / steps, first, last, loadBefore,
                    loadAverage());
            if (peer != null) {
                theirs[round] = PeerBenchmark.run(peer, arch, batch, size, steps, threads);
                out().printf(Locale.ROOT, "%sxmodal %.2f images/s, PyTorch (%s) %.2f images/s%n",
                        rounds > 1 ? "round " + (round + 1) + ": " : "", ours[round], peer.getFileName(),
                        theirs[round]);
            }
            out().flush();
        }
        if (peer != null) {
            out().printf(Locale.ROOT, "%s: xmodal %.2f images/s, PyTorch %.2f images/s (%+.0f%%)%n",
                    rounds > 1 ? "medians of " + rounds + " alternating rounds" : "side by side", median(ours),
                    median(theirs), 100 * (median(ours) / median(theirs) - 1));
        }
        out().printf(Locale.ROOT, "%.2f images/s%n", median(ours));
        return 0;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** A non-finite loss skips backward and the update, so the steps after it would not be whole steps. */
    private double checked(double loss, long step) {
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the loss became %s at step %d, so the "
                    + "steps would no longer be whole (no backward, no update); use a lower --lr than %g", loss,
                    step + 1, lr));
        }
        return loss;
    }

    /**
     * The fixed input as an array of the step's own manager (a view: no copy), so that everything computed from it
     * lands in that manager and is freed with the step, as a real run's freshly loaded batch is.
     */
    private static NDArray view(NDArray fixed, NDManager stepManager) {
        NDArray v = fixed.reshape(fixed.getShape());
        v.attach(stepManager);
        return v;
    }

    private void reportRss(long done) throws IOException {
        if (rssAt.contains(done)) {
            Runtime jvm = Runtime.getRuntime();
            out().printf(Locale.ROOT, "rss after %d steps: %.1f MiB (of which at most %.1f MiB Java heap, %.1f MiB "
                    + "in use)%n", done, residentKib() / 1024.0, jvm.totalMemory() / 1048576.0,
                    (jvm.totalMemory() - jvm.freeMemory()) / 1048576.0);
            out().flush();
        }
    }

    /** The 1-minute load average (Linux), or "?" where /proc is not there. */
    private static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        return Files.exists(load) ? Files.readString(load).split(" ")[0] : "?";
    }

    /** VmRSS of this process, in KiB (Linux), or -1 where /proc is not there. */
    static long residentKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
