package org.xmodal.engine.lifecycle;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.FilterGrid;
import org.xmodal.engine.run.FilterStructure;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.tensorboard.RunBoard;
import org.xmodal.engine.task.ProgressListener;

/**
 * The lifecycle every kind of run shares around its training loop: start or resume (devices, the checkpoint to go
 * on from, the events that say so), failure, filter pictures and the final weights. {@link RunKinds} runs a spec with
 * its kind's class; a new kind of run is a class that uses these and a line there.
 */
public final class RunSession {
    /** Where a finished run keeps its trained network under plain names, for fine-tuning and as a teacher. */
    public static final String RESULT_WEIGHTS = "results/weights.params";

    /**
     * A run being (re)started: its spec, its devices (one, or several for a data-parallel transfer) and the number
     * of steps already done.
     */
    public record Begin(RunSpec spec, List<Device> devices, long start) {
        /** The device that holds the parameters that are updated and saved. */
        public Device device() {
            return devices.get(0);
        }
    }

    private RunSession() {
    }

    /** Starts or resumes a run on the first of the devices its spec asks for. */
    public static Begin begin(RunDirectory run, boolean resume) throws IOException {
        return begin(run, resume, false);
    }

    /**
     * Starts or resumes a run; with {@code dataParallel}, on every device the spec asks for. A kind of run that
     * cannot share its steps out uses the first device, and a warning event says so.
     */
    public static Begin begin(RunDirectory run, boolean resumeAsked, boolean dataParallel) throws IOException {
        RunSpec spec = run.spec();
        // a run folder made ahead and never started (a batch job's, submitted to a cluster) starts, not resumes
        boolean resume = resumeAsked && run.events().stream().anyMatch(e -> e.type().equals(RunEvent.STARTED)
                || e.type().equals(RunEvent.RESUMED));
        EngineInfo engine = EngineInfo.probeAndLog();
        List<Device> devices = Devices.resolveAll(spec.device().id());
        long freed = resume ? run.deleteInterruptedWrites() : 0;
        RunDirectory.ResumePoint point = resume ? run.newestIntactCheckpoint() : RunDirectory.ResumePoint.START;
        long start = point.step().orElse(0L);
        if (resume && start == 0) {
            // starting over: no row of the earlier attempt stays (a restored checkpoint drops the rows past it itself)
            run.metrics().truncateAfter(0);
        }
        run.append(RunEvent.of(resume ? RunEvent.RESUMED : RunEvent.STARTED, start)
                .with("pid", ProcessHandle.current().pid()).with("iterations", spec.iterations())
                .with("device", dataParallel ? devices.stream().map(Device::toString)
                        .collect(java.util.stream.Collectors.joining(",")) : devices.get(0).toString())
                .with("engine", engine.startupLine()));
        for (String problem : point.problems()) {
            run.append(RunEvent.of(RunEvent.WARNING, start).with("reason", problem));
        }
        if (resume && point.step().isEmpty()) {
            run.append(RunEvent.of(RunEvent.WARNING, 0).with("reason", "no intact checkpoint: the run starts again "
                    + "from step 0"));
        }
        if (freed > 0) {
            run.append(RunEvent.of(RunEvent.WARNING, start).with("reason", String.format(java.util.Locale.ROOT,
                    "deleted %.1f MB of temporary files left by interrupted writes", freed / 1e6)));
        }
        if (!dataParallel && devices.size() > 1) {
            run.append(RunEvent.of(RunEvent.WARNING, start).with("reason", spec.kind() + " runs train on one device: "
                    + devices.get(0) + " (only transfer runs share their steps over several GPUs)"));
            devices = List.of(devices.get(0));
        }
        return new Begin(spec, devices, start);
    }

    /**
     * The spec's dataset, refused (naming it) when it holds another modality than the run's.
     */
    public static PairedDataset openData(RunSpec spec, ProgressListener progress,
                                         org.xmodal.engine.task.Cancellation cancel) throws BadInputException {
        PairedDataset ds = org.xmodal.engine.data.DatasetLoaders.open(java.nio.file.Path.of(spec.data()), progress,
                cancel);
        if (ds.modality() != spec.modality()) {
            try {
                ds.close();
            } catch (IOException ignored) {
                // the refusal below is what matters
            }
            throw new BadInputException(spec.data(), "holds " + ds.modality().id() + " pairs but the run's modality "
                    + "is " + spec.modality().id());
        }
        return ds;
    }

    /** Records why a run could not go on (unless it was cancelled, which the caller reports as a stop). */
    public static void failed(RunDirectory run, long step, Exception e) throws IOException {
        if (!(e instanceof java.util.concurrent.CancellationException)) {
            try {
                run.append(RunEvent.of(RunEvent.FAILED, step).with("reason", e.getMessage()));
            } catch (IOException cannotRecord) {
                // the run folder cannot be written (read-only, full): the caller still reports the original failure
                e.addSuppressed(cannotRecord);
            }
        }
    }

    /**
     * conv1 as a picture ({@code filters/step-N.png}) and its structure score (metric {@link FilterStructure#METRIC})
     * at {@code step}.
     */
    public static void writeFilters(RunDirectory run, FeatureNetwork network, long step) {
        NDArray w = network.conv1Weight();
        long[] s = w.getShape().getShape();
        float[] values = w.toFloatArray();
        try {
            RgbImage grid = FilterGrid.render(values, (int) s[0], (int) s[1], (int) s[2], 4);
            Path png = run.filters().resolve(String.format("step-%08d.png", step));
            ImageFiles.writeRgb(grid, png);
            run.board().image(step, RunBoard.FILTERS_TAG, Files.readAllBytes(png), grid.width(), grid.height());
            double structure = FilterStructure.score(values, (int) s[0], (int) s[1], (int) s[2]);
            if (Double.isFinite(structure)) {
                run.metrics().append(new MetricsLog.Row(step, Double.NaN, "train", FilterStructure.METRIC,
                        structure));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trained network's weights under their plain names, for fine-tuning and as a teacher. */
    public static void saveWeights(RunDirectory run, Map<String, NDArray> weights) throws IOException {
        NetworkWeights.saveArrays(weights, run.path().resolve(RESULT_WEIGHTS));
    }

    /** The RGB images of {@code pairs}, decoded on all cores. */
    public static List<RgbImage> rgbImages(PairedDataset ds, List<Pair> pairs, ProgressListener progress)
            throws BadInputException {
        Map<Integer, RgbImage> out = new ConcurrentHashMap<>();
        BadInputException[] failure = new BadInputException[1];
        Parallel.forEach(pairs.size(), i -> {
            try {
                out.put(i, ds.rgb(pairs.get(i)));
            } catch (BadInputException e) {
                failure[0] = e;
            }
            progress.progress("Reading images", out.size() / (double) pairs.size());
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return IntStream.range(0, pairs.size()).mapToObj(out::get).toList();
    }
}
