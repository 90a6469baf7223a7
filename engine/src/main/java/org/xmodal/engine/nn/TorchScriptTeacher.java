package org.xmodal.engine.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.xmodal.engine.image.BadInputException;

/**
 * A teacher imported from a TorchScript file whose {@code forward} takes an N x 3 x H x W batch in
 * {@link NetworkInput}'s convention and returns one N x C x h x w feature map (for instance torchvision's ImageNet
 * AlexNet or VGG-16 {@code features}, exported as {@code docs/teachers.md} shows). It is loaded by DJL's PyTorch
 * engine from the local file (no model zoo, nothing downloaded), frozen, and run in evaluation mode.
 */
public final class TorchScriptTeacher implements Teacher {
    private final Path file;
    private final Model model;
    private final Block module;
    private final ParameterStore store;

    private TorchScriptTeacher(Path file, Model model) {
        this.file = file;
        this.model = model;
        this.module = model.getBlock();
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /**
     * Loads {@code file} onto {@code device}.
     *
     * @throws BadInputException naming the file if it is missing or not a TorchScript module PyTorch can load
     */
    public static TorchScriptTeacher load(Path file, Device device) throws BadInputException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, Files.exists(file) ? "is not a file" : "does not exist");
        }
        Model model = Model.newInstance("teacher", device, "PyTorch");
        try {
            // Without options DJL loads the parameters frozen (trainParam false).
            model.load(file.toAbsolutePath());
            return new TorchScriptTeacher(file, model);
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new BadInputException(file.toString(), "is not a TorchScript module that PyTorch can load ("
                    + firstLine(e.getMessage()) + ")", e);
        }
    }

    @Override
    public NDArray features(NDArray rgbBatch) {
        // the module gets the batch in PyTorch's default layout, which traced code (a view, say) may rely on
        NDList outputs = module.forward(store, new NDList(NetworkInput.contiguous(rgbBatch)), false);
        if (outputs.size() != 1) {
            outputs.close();
            throw new IllegalStateException(file + " returned " + outputs.size() + " outputs instead of one feature"
                    + " map");
        }
        // DJL runs an evaluation-mode forward under PyTorch's inference mode, whose tensors autograd refuses to save
        // for backward. The (pool5-sized, cheap) copy made here, outside that mode, is an ordinary tensor that any
        // loss may use.
        try (NDArray raw = outputs.get(0)) {
            return raw.duplicate();
        }
    }

    /** Runs the module once on zeros of {@code input}'s shape. */
    @Override
    public Shape featureShape(Shape input) {
        try (NDManager probe = model.getNDManager().newSubManager()) {
            return features(probe.zeros(input)).getShape();
        }
    }

    /**
     * Checks, before any training, that the file's output lines up with the student's tap for inputs of
     * {@code input}'s shape: one map per image, of the same spatial size. The channel counts may differ (the
     * adaptation layer maps the student's channels to the teacher's).
     *
     * @return the teacher's feature shape, for sizing the adaptation layer
     * @throws BadInputException naming the file and both shapes if they do not line up, or if the module fails on
     *     such an input
     */
    public Shape validateAgainst(Shape input, Shape studentTap) throws BadInputException {
        Shape teacher;
        try {
            teacher = featureShape(input);
        } catch (EngineException | IllegalStateException e) {
            throw new BadInputException(file.toString(), "fails on a " + chw(input) + " input ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (teacher.dimension() != 4 || teacher.get(0) != input.get(0)) {
            throw new BadInputException(file, "returns " + teacher + " for a batch of " + input.get(0) + " "
                    + chw(input) + " inputs; a teacher must return one C x h x w feature map per image");
        }
        if (teacher.get(2) != studentTap.get(2) || teacher.get(3) != studentTap.get(3)) {
            throw new BadInputException(file, String.format(Locale.ROOT,
                    "gives %s features for a %s input but the student's tap is %s: the spatial sizes must agree "
                            + "(%dx%d vs %dx%d); choose a student whose pool5 has the teacher's size (alexnet-pad7 "
                            + "matches VGG-16's 7x7 at 224 and 227) or another input size",
                    chw(teacher), chw(input), chw(studentTap), teacher.get(2), teacher.get(3), studentTap.get(2),
                    studentTap.get(3)));
        }
        return teacher;
    }

    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return "TorchScript " + file + ", frozen";
    }

    @Override
    public void close() {
        model.close();
    }

    /** "256x6x6" for an N x 256 x 6 x 6 shape. */
    private static String chw(Shape shape) {
        long[] dims = shape.getShape();
        return String.join("x", Arrays.stream(dims, 1, dims.length).mapToObj(Long::toString).toList());
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
