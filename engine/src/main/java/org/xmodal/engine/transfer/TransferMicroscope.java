package org.xmodal.engine.transfer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.device.CpuKernels;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NoGrad;
import org.xmodal.engine.nn.Teacher;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.OptimisationStep;
import org.xmodal.engine.train.ParameterOptimizer;
import org.xmodal.engine.train.TrainingStep;

/**
 * Supervision transfer one step at a time, on one fixed batch, for looking at: the transfer a run spec describes
 * (its teacher, student, transfer layer and loss), optimised by plain SGD (no momentum, no weight decay, so the
 * update is exactly minus the rate times the gradient) through the same {@link OptimisationStep} every run takes.
 * Each {@link #step} reports the loss before and after, and conv1's weights, gradient and update. In this process,
 * on the CPU; one caller at a time.
 */
public final class TransferMicroscope implements AutoCloseable {
    /**
     * One step: the batch's loss before and after it, and conv1 before the step, its gradient and the update
     * applied ({@code filters x channels x k x k}, as the weights file stores them).
     */
    public record Step(long number, double lossBefore, double lossAfter, double learningRate, float[] conv1Before,
                       float[] conv1Gradient, float[] conv1Update, int filters, int channels, int kernel) {
    }

    private final NDManager manager;
    private final SupervisionTransfer transfer;
    private final OptimisationStep optimisation;
    private final String conv1;
    private final float[] rgb;
    private final float[] paired;
    private final Shape input;
    private final boolean flow;
    private float[] lastGradient;
    private long steps;

    private TransferMicroscope(NDManager manager, SupervisionTransfer transfer, String conv1, float[] rgb,
                               float[] paired, Shape input, boolean flow) {
        this.manager = manager;
        this.transfer = transfer;
        this.conv1 = conv1;
        this.rgb = rgb;
        this.paired = paired;
        this.input = input;
        this.flow = flow;
        ParameterOptimizer sgd = ParameterOptimizer.create(OptimizerType.SGD, 0, 0, manager);
        ParameterOptimizer watched = new ParameterOptimizer() {
            @Override
            public void step(Map<String, NDArray> parameters, double lr) {
                NDArray w = parameters.get(conv1);
                lastGradient = w.hasGradient() ? w.getGradient().toFloatArray() : null;
                sgd.step(parameters, lr);
            }

            @Override
            public Map<String, NDArray> state() {
                return sgd.state();
            }

            @Override
            public void load(Map<String, NDArray> state) {
                sgd.load(state);
            }
        };
        TrainingStep forward = (batch, step) -> transfer.loss(tensor(batch, this.rgb), tensor(batch, this.paired));
        this.optimisation = new OptimisationStep(manager, transfer.trainable(), watched, forward);
    }

    /**
     * The transfer of {@code spec} on its first {@code batchSize} training pairs (centre crops, not flipped), its
     * teacher's features scaled as the spec says.
     */
    public static TransferMicroscope open(RunSpec spec, int batchSize, EncodingCache cache,
                                          ProgressListener progress, Cancellation cancel) throws IOException {
        CpuKernels.configure();
        List<Pair> pairs;
        PairedBatches.Batch batch;
        boolean flow;
        try (PairedDataset ds = RunSession.openData(spec, progress, cancel)) {
            List<Pair> train = ds.pairs(Split.TRAIN);
            if (train.isEmpty()) {
                throw new IllegalArgumentException(spec.data() + ": no training pairs");
            }
            pairs = train.subList(0, Math.min(batchSize, train.size()));
            flow = ds.modality() == Modality.FLOW;
            PairEncoding encoding = PairEncoding.of(spec.encoding(), ds, cache);
            try (PairedBatches batches = PairedBatches.prepare(encoding, pairs, spec.inputSize(), pairs.size(),
                    spec.seed(), false, false, 0, progress, cancel)) {
                batch = batches.get(0);
            }
        }
        int side = spec.inputSize();
        Shape input = new Shape(pairs.size(), 3, side, side);
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        try {
            Shape studentTap = NetworkFactory.create(spec.student().architecture(), 3, 0)
                    .outputShape(input, spec.student().tap());
            Teacher teacher = Teachers.open(spec.teacher(), input, studentTap, spec.seed(), Device.cpu(), manager);
            SupervisionTransfer transfer = SupervisionTransfer.forSpec(spec, teacher, input, manager);
            if (spec.adaptation().matchNorms()) {
                try (NDManager calib = manager.newSubManager()) {
                    transfer.matchNorms(NetworkInput.tensor(calib, batch.source(), input),
                            spec.adaptation().matchTo() == org.xmodal.engine.run.MatchTo.STUDENT
                                    ? NetworkInput.tensor(calib, batch.target(), input) : null);
                }
            }
            String first = transfer.trainable().entrySet().stream()
                    .filter(e -> e.getValue().getShape().dimension() == 4).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the student has no convolution"));
            return new TransferMicroscope(manager, transfer, first, batch.source(), batch.target(), input, flow);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** How many images the batch holds. */
    public int batchSize() {
        return (int) input.get(0);
    }

    /** The teacher's view of image {@code n} of the batch (the RGB crop). */
    public RgbImage teacherImage(int n) {
        return image(rgb, n, InputNormalisation.IMAGE);
    }

    /** The student's view of image {@code n} of the batch (HHA, or the flow image). */
    public RgbImage studentImage(int n) {
        return image(paired, n, flow ? InputNormalisation.FLOW : InputNormalisation.IMAGE);
    }

    /** The batch's loss now, without changing anything. */
    public double loss() {
        return NoGrad.call(() -> {
            try (NDManager m = manager.newSubManager()) {
                return (double) transfer.loss(tensor(m, rgb), tensor(m, paired)).getFloat();
            }
        });
    }

    /** One SGD step at rate {@code lr} on the batch. */
    public Step step(double lr) {
        float[] before = conv1Values();
        double lossBefore = optimisation.run(steps, lr);
        float[] after = conv1Values();
        double lossAfter = loss();
        float[] update = new float[after.length];
        for (int i = 0; i < update.length; i++) {
            update[i] = after[i] - before[i];
        }
        float[] gradient = lastGradient == null ? new float[before.length] : lastGradient;
        long[] s = transfer.trainable().get(conv1).getShape().getShape();
        steps++;
        return new Step(steps, lossBefore, lossAfter, lr, before, gradient, update, (int) s[0], (int) s[1],
                (int) s[2]);
    }

    /** conv1's weights now. */
    public float[] conv1Values() {
        return transfer.trainable().get(conv1).toFloatArray();
    }

    private NDArray tensor(NDManager m, float[] values) {
        return NetworkInput.tensor(m, values, input);
    }

    private RgbImage image(float[] batch, int n, InputNormalisation normalisation) {
        int side = (int) input.get(2);
        float[] means = normalisation.meansBgr();
        RgbImage out = RgbImage.blank(side, side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = NetworkInput.index(n, y, x, 0, side);
                out.set(x, y, clamp(batch[i + 2] + means[2]), clamp(batch[i + 1] + means[1]),
                        clamp(batch[i] + means[0]));
            }
        }
        return out;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Every image of the batch, as the teacher and the student see them. */
    public List<RgbImage[]> images() {
        List<RgbImage[]> out = new ArrayList<>();
        for (int n = 0; n < batchSize(); n++) {
            out.add(new RgbImage[] {teacherImage(n), studentImage(n)});
        }
        return out;
    }

    @Override
    public void close() {
        transfer.close();
        manager.close();
    }
}
