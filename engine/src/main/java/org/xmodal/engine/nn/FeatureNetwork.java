package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A convolutional network as an ordered list of named stages whose outputs are the taps ({@code conv1, pool1, ...,
 * pool5, fc6, fc7} for AlexNet and VGG; {@code conv1, pool1, layer1..layer4, pool5} for ResNet), plus an optional
 * classifier head as the last stage. Running to a tap runs only the stages up to it, so transfer to pool5 never
 * computes (or even needs) the fully connected layers.
 *
 * <p>Parameters are addressed by stable readable names, {@code <layer>.<weight|bias|running_mean|running_var>}
 * ({@code conv1.weight}, {@code conv2.bias}, {@code layer1.0.bn1.running_var}); checkpoints are keyed by them (see
 * {@link NetworkWeights}). Their shapes are fixed when the network is initialised for an input shape: the
 * convolutions only need the input channels, but fc6 takes the flattened pool5 map, so its width follows the input
 * size (9216 = 256 x 6 x 6 for AlexNet at 227). Initial values come from a seed alone ({@link SeededInitializer}).
 */
public final class FeatureNetwork extends AbstractBlock {
    private static final byte VERSION = 1;

    private final String architecture;
    private final int inChannels;
    private final int inputSize;
    private final int numClasses;
    private final List<Stage> stages;
    private final List<String> taps;
    private final Map<String, Parameter> parameters;
    private long seed;
    private WeightInit weightInit = WeightInit.KAIMING;
    /** How many stages, from the first, have their parameters; checked per forward without walking the blocks. */
    private int initialisedStages;

    FeatureNetwork(String architecture, int inChannels, int inputSize, int numClasses, List<Stage> stages) {
        super(VERSION);
        this.architecture = architecture;
        this.inChannels = inChannels;
        this.inputSize = inputSize;
        this.numClasses = numClasses;
        this.stages = List.copyOf(stages);
        this.taps = stages.stream().map(Stage::tap).toList();
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (Stage stage : stages) {
            addChildBlock(stage.tap(), stage.block());
            all.putAll(stage.parameters());
        }
        this.parameters = Collections.unmodifiableMap(all);
    }

    public String architecture() {
        return architecture;
    }

    public int inChannels() {
        return inChannels;
    }

    /** The side of the square input the architecture is meant for (227 for AlexNet, 224 for VGG and ResNet). */
    public int inputSize() {
        return inputSize;
    }

    public Shape inputShape(int batch) {
        return new Shape(batch, inChannels, inputSize, inputSize);
    }

    /** Classes of the classifier head, 0 when there is none. */
    public int numClasses() {
        return numClasses;
    }

    /** Stage outputs in forward order; with a head, the last one is the class scores (fc8, or fc for ResNet). */
    public List<String> taps() {
        return taps;
    }

    /** The last tap: the class scores with a head, otherwise the last feature layer. */
    public String outputTap() {
        return taps.get(taps.size() - 1);
    }

    /** Every parameter by name, in forward order. */
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    /**
     * Every BatchNorm layer's running mean and variance, by the layer's name ({@code bn1}, {@code layer1.0.bn2}), in
     * forward order: the names {@link BatchNormInputs} records its inputs under.
     */
    public Map<String, NDArray[]> batchNormRunningStatistics() {
        Map<String, NDArray[]> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (name.endsWith(".running_mean")) {
                String layer = name.substring(0, name.length() - ".running_mean".length());
                out.put(layer, new NDArray[] {p.getArray(), parameters.get(layer + ".running_var").getArray()});
            }
        });
        return out;
    }

    /** The parameters of the stages up to and including {@code tap}: what a transfer to that tap trains. */
    public Map<String, Parameter> parametersUpTo(String tap) {
        return collect(0, indexOf(tap) + 1);
    }

    /**
     * The names of the backbone's parameters, up to pool5 (the layers a pretrained network brings; the bottleneck
     * and classifier above it are the head), which {@code optimizer.backboneRate} scales.
     */
    public java.util.Set<String> backboneParameterNames() {
        return taps().contains("pool5") ? parametersUpTo("pool5").keySet() : java.util.Set.of();
    }

    /**
     * Whether a training forward up to {@code tap} normalises by the statistics of the batch it is given
     * (BatchNorm): then a share of a batch does not compute what the whole batch would, and splitting a step into
     * micro-batches or over devices changes what the network learns.
     */
    public boolean normalisesByBatchUpTo(String tap) {
        return parametersUpTo(tap).values().stream().anyMatch(p -> p.getType() == Parameter.Type.RUNNING_MEAN);
    }

    /** The parameters above {@code tap}: what "fine-tune fc only" trains when everything up to pool5 is frozen. */
    public Map<String, Parameter> parametersAbove(String tap) {
        return collect(indexOf(tap) + 1, stages.size());
    }

    /** conv1's weight [out, in, kh, kw] (conv1_1 for VGG): the filters the workbench draws. */
    public NDArray conv1Weight() {
        return stages.get(0).parameters().values().iterator().next().getArray();
    }

    /** How the weights are drawn when the network is initialised (Kaiming unless set before). */
    public FeatureNetwork weightInit(WeightInit scheme) {
        this.weightInit = scheme;
        return this;
    }

    /** Initialises every parameter for inputs of {@code inputShape} (N x C x H x W) from {@code seed} alone. */
    public void initialize(NDManager manager, Shape inputShape, long seed) {
        this.seed = seed;
        initialize(manager, DataType.FLOAT32, inputShape);
    }

    /**
     * Initialises only the stages up to {@code tap}: a teacher read up to pool5 never allocates fc6 and fc7 (for
     * VGG-16 at 224 that is 120 M of its 134 M parameters). The stages above stay uninitialised.
     */
    public void initializeUpTo(NDManager manager, Shape inputShape, long seed, String tap) {
        initializeUpTo(manager, DataType.FLOAT32, inputShape, seed, tap);
    }

    /** As {@link #initializeUpTo(NDManager, Shape, long, String)} in another precision (float64 references). */
    void initializeUpTo(NDManager manager, DataType dataType, Shape inputShape, long seed, String tap) {
        this.seed = seed;
        checkInput(inputShape);
        installInitializers();
        initializeStages(manager, dataType, inputShape, indexOf(tap) + 1);
    }

    /**
     * DJL's entry point (a Trainer calls it). Parameters always get the network's own seeded initialiser, so a
     * training config's initialisers do not change the weights a seed stands for.
     */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        installInitializers();
        super.initialize(manager, dataType, inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        initializeStages(manager, dataType, inputShapes[0], stages.size());
    }

    private void initializeStages(NDManager manager, DataType dataType, Shape input, int stageCount) {
        Shape shape = input;
        for (int i = 0; i < stageCount; i++) {
            Block block = stages.get(i).block();
            block.initialize(manager, dataType, shape);
            shape = block.getOutputShapes(new Shape[] {shape})[0];
        }
        initialisedStages = Math.max(initialisedStages, stageCount);
    }

    private void installInitializers() {
        String head = numClasses > 0 ? outputTap() : null;
        // the first parameter of the first stage is conv1's weight (conv1Weight)
        Object first = stages.get(0).parameters().values().iterator().next();
        for (Stage stage : stages) {
            boolean classifier = stage.tap().equals(head);
            stage.parameters().forEach((name, p) -> p.setInitializer(SeededInitializer.forParameter(seed, name,
                    p.getType(), classifier, weightInit, p == first)));
        }
    }

    /**
     * Runs the stages up to and including {@code tap} on an N x C x H x W batch: on the CPU stored channels last
     * ({@link NetworkInput}; a batch stored otherwise is converted first), on a GPU in PyTorch's default layout.
     */
    public NDArray forward(ParameterStore parameterStore, NDArray input, String tap, boolean training) {
        checkInput(input.getShape());
        return stages(parameterStore, NetworkInput.forDevice(input), 0, indexOf(tap), training);
    }

    /** As {@link #forward}, but in whatever layout {@code input} is stored (to check that layouts agree). */
    NDArray forwardAsStored(ParameterStore parameterStore, NDArray input, String tap, boolean training) {
        checkInput(input.getShape());
        return stages(parameterStore, input, 0, indexOf(tap), training);
    }

    /**
     * Runs the stages after {@code fromTap} up to and including {@code tap} on {@code features}, the output of
     * {@code fromTap}: what lies above a frozen part ("fine-tune fc only" runs the frozen part without gradients).
     */
    public NDArray forwardFrom(ParameterStore parameterStore, NDArray features, String fromTap, String tap,
                               boolean training) {
        return stages(parameterStore, features, indexOf(fromTap) + 1, indexOf(tap), training);
    }

    private NDArray stages(ParameterStore parameterStore, NDArray input, int first, int last, boolean training) {
        if (last >= initialisedStages) {
            throw new IllegalStateException(architecture + ": stage " + taps.get(initialisedStages)
                    + " is not initialised (initialize the network up to " + taps.get(last) + " first)");
        }
        NDArray x = input;
        for (int i = first; i <= last; i++) {
            x = stages.get(i).block().forward(parameterStore, new NDList(x), training).singletonOrThrow();
        }
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(forward(parameterStore, inputs.singletonOrThrow(), outputTap(), training));
    }

    /**
     * The shape of {@code tap} for an N x C x H x W input, worked out without running anything.
     *
     * @throws IllegalArgumentException if the input is too small to reach the tap
     */
    public Shape outputShape(Shape input, String tap) {
        checkInput(input);
        int last = indexOf(tap);
        Shape shape = propagate(input, last);
        if (shape == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %dx%d input is too small for %s up to %s; "
                    + "the smallest square input that reaches %s is %d", input.get(2), input.get(3), architecture,
                    tap, outputTap(), minimumInputSize()));
        }
        return shape;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0], outputTap())};
    }

    /** The smallest square input for which every stage has a non-empty output. */
    public int minimumInputSize() {
        for (int size = 1; size < 1 << 14; size++) {
            if (propagate(new Shape(1, inChannels, size, size), stages.size() - 1) != null) {
                return size;
            }
        }
        throw new IllegalStateException(architecture + " accepts no input up to 16384 pixels");
    }

    /** The shape after stage {@code last}, or null when some layer's window does not fit its input. */
    private Shape propagate(Shape input, int last) {
        Shape shape = input;
        for (int i = 0; i <= last; i++) {
            for (Block layer : stages.get(i).block().getChildren().values()) {
                if (layer instanceof Convolution conv && !windowFits(shape, conv)) {
                    return null;
                }
                shape = layer.getOutputShapes(new Shape[] {shape})[0];
                if (shape.dimension() == 4 && (shape.get(2) < 1 || shape.get(3) < 1)) {
                    return null;
                }
            }
        }
        return shape;
    }

    /** PyTorch refuses a kernel larger than the padded input (DJL's shape arithmetic would round it to 1). */
    private static boolean windowFits(Shape in, Convolution conv) {
        for (int axis = 0; axis < 2; axis++) {
            long extent = conv.getDilation().get(axis) * (conv.getKernelShape().get(axis) - 1) + 1;
            if (in.get(2 + axis) + 2 * conv.getPadding().get(axis) < extent) {
                return false;
            }
        }
        return true;
    }

    private void checkInput(Shape input) {
        if (input.dimension() != 4 || input.get(1) != inChannels) {
            throw new IllegalArgumentException(architecture + " takes N x " + inChannels + " x H x W inputs, got "
                    + input);
        }
    }

    private int indexOf(String tap) {
        int i = taps.indexOf(tap);
        if (i < 0) {
            throw new IllegalArgumentException(architecture + " has no tap '" + tap + "'; its taps are " + taps);
        }
        return i;
    }

    private Map<String, Parameter> collect(int from, int to) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Stage stage : stages.subList(from, to)) {
            out.putAll(stage.parameters());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(architecture).append(" (").append(inChannels).append(" channels in");
        for (Stage stage : stages) {
            s.append("; ").append(stage.tap()).append(": ").append(stage.parameters().keySet());
        }
        return s.append(')').toString();
    }
}
