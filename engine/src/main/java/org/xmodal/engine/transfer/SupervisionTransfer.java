package org.xmodal.engine.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xmodal.engine.nn.AdaptationLayer;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.HintLoss;
import org.xmodal.engine.nn.NativeScalar;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.nn.Teacher;
import org.xmodal.engine.run.RunSpec;

/**
 * Supervision transfer (Gupta, Hoffman, Malik, CVPR 2016): the student psi, run on the paired modality up to its
 * transfer layer, is trained so that t(psi(I_d)) matches the frozen teacher's phi(I_s), with t a 1x1 convolution
 * + ReLU from the student's channels to the teacher's and f the squared L2 distance (summed over the feature map,
 * averaged over the batch). Optionally the teacher's features are scaled to unit mean square ("match norms", the
 * paper's scaling layer for teachers whose feature magnitudes differ, as VGG's do from AlexNet's).
 */
public final class SupervisionTransfer implements AutoCloseable {
    public static final String ADAPT_WEIGHT = "adapt.weight";
    public static final String ADAPT_BIAS = "adapt.bias";

    private final Teacher teacher;
    private final FeatureNetwork student;
    private final String tap;
    private final NDArray adaptWeight;
    private final NDArray adaptBias;
    private final ParameterStore store;
    private float teacherScale = 1f;
    private HintLoss lossNormalisation = HintLoss.PER_IMAGE;
    private double targetMeanSquare = Double.NaN;

    private SupervisionTransfer(Teacher teacher, FeatureNetwork student, String tap, NDArray adaptWeight,
                                NDArray adaptBias, NDManager manager) {
        this.teacher = teacher;
        this.student = student;
        this.tap = tap;
        this.adaptWeight = adaptWeight;
        this.adaptBias = adaptBias;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Builds the student (seeded, or from {@code studentWeights}) and the adaptation layer for inputs of
     * {@code input} (N x 3 x S x S), after checking that the two transfer layers have the same spatial size.
     */
    public static SupervisionTransfer create(Teacher teacher, String architecture, String tap, Path studentWeights,
                                             Shape input, long seed, NDManager manager) throws IOException {
        return create(teacher, NetworkFactory.create(architecture, 3, 0), tap, studentWeights, input, seed, manager);
    }

    /** As {@link #create(Teacher, String, String, Path, Shape, long, NDManager)}, for a student network built here. */
    public static SupervisionTransfer create(Teacher teacher, FeatureNetwork student, String tap, Path studentWeights,
                                             Shape input, long seed, NDManager manager) throws IOException {
        String architecture = student.architecture();
        if (!student.taps().contains(tap)) {
            throw new IllegalArgumentException("student " + architecture + " has no layer '" + tap + "' (layers: "
                    + String.join(", ", student.taps()) + ")");
        }
        Shape studentShape = student.outputShape(input, tap);
        Shape teacherShape = teacher.featureShape(input);
        if (studentShape.dimension() != 4 || teacherShape.dimension() != 4
                || studentShape.get(2) != teacherShape.get(2) || studentShape.get(3) != teacherShape.get(3)) {
            throw new IllegalArgumentException("the student's " + tap + " is " + studentShape + " but the teacher's "
                    + "features are " + teacherShape + " for " + input.get(2) + " px inputs: their spatial sizes must "
                    + "agree (for a VGG teacher use the student alexnet-pad7, as the paper does)");
        }
        student.initializeUpTo(manager, input, seed, tap);
        if (studentWeights != null) {
            NetworkWeights.load(student.parametersUpTo(tap), studentWeights);
        }
        AdaptationLayer adapt = AdaptationLayer.create(studentShape, teacherShape, seed, manager);
        return new SupervisionTransfer(teacher, student, tap, adapt.weight(), adapt.bias(), manager);
    }

    /**
     * As {@link #create(Teacher, FeatureNetwork, String, Path, Shape, long, NDManager)} with or without the
     * adaptation layer; without it the student's layer must have the teacher's channels, and its features are
     * compared with the teacher's as they are.
     */
    public static SupervisionTransfer create(Teacher teacher, FeatureNetwork student, String tap, Path studentWeights,
                                             Shape input, long seed, NDManager manager, boolean adaptationLayer)
            throws IOException {
        SupervisionTransfer withLayer = create(teacher, student, tap, studentWeights, input, seed, manager);
        if (adaptationLayer) {
            return withLayer;
        }
        long studentChannels = student.outputShape(input, tap).get(1);
        long teacherChannels = teacher.featureShape(input).get(1);
        if (studentChannels != teacherChannels) {
            throw new IllegalArgumentException("without an adaptation layer (adaptation.layer false) the student's "
                    + tap + " must have the teacher's channels, but it has " + studentChannels + " and the teacher "
                    + teacherChannels);
        }
        withLayer.adaptWeight.close();
        withLayer.adaptBias.close();
        return new SupervisionTransfer(teacher, student, tap, null, null, manager);
    }

    /**
     * The transfer a run spec describes, for {@code teacher}: its student (drawn as {@code student.weightInit} says,
     * or from {@code student.init}), its transfer layer, the adaptation layer or none, and the loss's normalisation.
     */
    public static SupervisionTransfer forSpec(RunSpec spec, Teacher teacher, Shape input, NDManager manager)
            throws IOException {
        Path init = spec.student().init() == null || spec.student().init().equals("random") ? null
                : Teachers.weightsOf(Path.of(spec.student().init()));
        FeatureNetwork student = NetworkFactory.create(spec.student().architecture(), 3, 0)
                .weightInit(spec.student().weightInit());
        return create(teacher, student, spec.student().tap(), init, input, spec.seed(), manager,
                spec.adaptation().layer()).lossNormalisation(spec.adaptation().loss());
    }

    /** Whether a 1x1 convolution + ReLU maps the student's features to the teacher's. */
    public boolean hasAdaptationLayer() {
        return adaptWeight != null;
    }

    public FeatureNetwork student() {
        return student;
    }

    public String tap() {
        return tap;
    }

    public Teacher teacher() {
        return teacher;
    }

    /** Everything the optimiser updates, by stable name: the student's parameters up to the tap and t's. */
    public Map<String, NDArray> trainable() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : student.parametersUpTo(tap).entrySet()) {
            out.put(e.getKey(), e.getValue().getArray());
        }
        if (adaptWeight != null) {
            out.put(ADAPT_WEIGHT, adaptWeight);
            out.put(ADAPT_BIAS, adaptBias);
        }
        return out;
    }

    /** Scales the teacher's features to unit mean square on a calibration batch (the same batch on resume). */
    public void matchNorms(NDArray calibrationRgb) {
        matchNorms(calibrationRgb, null);
    }

    /**
     * Scales the teacher's features on a calibration batch (the same batch on resume, and called before a
     * checkpoint is restored, so with the same initial student): to unit mean square, or, given the batch's
     * paired images, to the mean square of the student's adapted features on them.
     */
    public void matchNorms(NDArray calibrationRgb, NDArray calibrationPaired) {
        double target = 1;
        if (calibrationPaired != null) {
            try (NDManager m = calibrationPaired.getManager().newSubManager()) {
                NDArray s = adapted(calibrationPaired, false);
                s.attach(m);
                target = s.square().mean().getFloat();
            }
        }
        try (NDArray f = teacher.features(calibrationRgb)) {
            double meanSquare = f.square().mean().getFloat();
            teacherScale = meanSquare > 0 && target > 0 ? (float) Math.sqrt(target / meanSquare) : 1f;
            targetMeanSquare = meanSquare > 0 && target > 0 ? target : meanSquare;
        }
    }

    /** Takes another transfer's feature scale (a data-parallel copy uses the one its primary measured). */
    public void useScaleOf(SupervisionTransfer other) {
        teacherScale = other.teacherScale;
        targetMeanSquare = other.targetMeanSquare;
    }

    public float teacherScale() {
        return teacherScale;
    }

    /**
     * Mean square of the scaled targets on the calibration batch (NaN before {@link #matchNorms}): the loss of
     * predicting zero is this times the feature map's size, a yardstick for the loss.
     */
    public double targetMeanSquare() {
        return targetMeanSquare;
    }

    /** The teacher's targets for a batch of RGB inputs (no gradient flows into the teacher). */
    public NDArray targets(NDArray rgb) {
        return scaled(teacher.features(rgb));
    }

    /** t(psi(x)): the student's adapted features for a batch of the paired modality (psi(x) without a layer). */
    public NDArray adapted(NDArray paired, boolean training) {
        NDArray s = student.forward(store, paired, tap, training);
        if (adaptWeight == null) {
            return s;
        }
        NDArray a = Conv2d.conv2d(s, adaptWeight, adaptBias, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                .singletonOrThrow();
        return Activation.relu(a);
    }

    /** The teacher's raw features, before any norm matching (what a teacher cache stores). */
    public NDArray teacherFeatures(NDArray rgb) {
        return teacher.features(rgb);
    }

    /** Applies the norm-matching scale to raw teacher features. */
    public NDArray scaled(NDArray rawTeacherFeatures) {
        return teacherScale == 1f ? rawTeacherFeatures : rawTeacherFeatures.mul(teacherScale);
    }

    /** f(t(psi(I_d)), phi(I_s)): squared L2 summed over each feature map, averaged over the batch. */
    public NDArray loss(NDArray rgb, NDArray paired) {
        return lossAgainst(targets(rgb), paired);
    }

    /** The loss against targets already computed (for instance read from a teacher cache and scaled). */
    public NDArray lossAgainst(NDArray targets, NDArray paired) {
        return lossAgainst(targets, paired, paired.getShape().get(0));
    }

    /** How the summed squared error is normalised ({@link HintLoss}). */
    public SupervisionTransfer lossNormalisation(HintLoss normalisation) {
        this.lossNormalisation = normalisation;
        return this;
    }

    /**
     * The summed squared error divided by {@code batchSize} (the whole batch's size when this is a micro-batch),
     * times the normalisation's factor.
     */
    public NDArray lossAgainst(NDArray targets, NDArray paired, long batchSize) {
        NDArray diff = adapted(paired, true).sub(targets);
        double divisor = lossNormalisation.divisor(batchSize, diff.size() / diff.getShape().get(0));
        return diff.square().sum().div(NativeScalar.of(paired.getManager(), (float) divisor));
    }

    @Override
    public void close() {
        teacher.close();
    }
}
