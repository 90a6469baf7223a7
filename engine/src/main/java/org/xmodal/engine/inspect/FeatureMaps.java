package org.xmodal.engine.inspect;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.nn.Teacher;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.TeacherSource;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.transfer.InputNormalisation;
import org.xmodal.engine.transfer.SupervisionTransfer;
import org.xmodal.engine.transfer.Teachers;

/**
 * A transfer run's teacher and student (with its adaptation layer, from a checkpoint) on one pair of images, on the
 * CPU: the feature maps each gives at the transfer layer. Short, read-only inference. The images come already
 * resized as training resized them and are used whole (the networks are convolutional); if the two transfer layers
 * do not line up on the whole image, the centre crop training used is used instead, and the result says so.
 */
public final class FeatureMaps {
    private FeatureMaps() {
    }

    /**
     * What to compare.
     *
     * @param teacherScale the factor the run applied to its teacher's features when it matched feature norms (its
     *     {@code teacherScale} metric event); null for runs that logged none
     * @param rgb the teacher's image, resized as training resized it
     * @param paired the student's image (HHA or the flow image), the same size
     */
    public record Request(RunSpec spec, Path checkpoint, Double teacherScale, Modality modality, RgbImage rgb,
                          RgbImage paired) implements Question {
    }

    /**
     * The maps at the transfer layer, channel-major ({@code c x h x w}), the teacher's scaled as the run's loss
     * scaled them.
     *
     * @param cropSide the side of the centre crop both images were cut to, or 0 when they were used whole
     */
    public record Result(int cropSide, int channels, int width, int height, float[] teacher, float[] student,
                         String tap, String notes) implements Reply {
    }

    /** Runs both networks; loads PyTorch first when this process has not yet. */
    public static Result compute(Request r, Cancellation cancel) throws IOException {
        InferenceThread.prepare();
        return run(r, cancel);
    }

    private static Result run(Request r, Cancellation cancel) throws IOException {
        RunSpec spec = r.spec();
        String arch = spec.student().architecture();
        String tap = tap(spec);
        RgbImage rgb = r.rgb();
        RgbImage paired = r.paired();
        Shape input = new Shape(1, 3, rgb.height(), rgb.width());
        int cropSide = 0;
        if (!lineUp(spec, input)) {
            cropSide = spec.inputSize();
            rgb = crop(rgb, cropSide);
            paired = crop(paired, cropSide);
            input = new Shape(1, 3, cropSide, cropSide);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape studentTap = NetworkFactory.create(arch, 3, 0).outputShape(input, tap);
            Teacher teacher = Teachers.open(spec.teacher(), input, studentTap, spec.seed(), Device.cpu(), manager);
            try (SupervisionTransfer transfer = SupervisionTransfer.create(teacher,
                    NetworkFactory.create(arch, 3, 0), tap, null, input, spec.seed(), manager,
                    spec.adaptation().layer())) {
                NetworkWeights.loadInto(transfer.trainable(), r.checkpoint());
                cancel.check();
                NDArray x = NetworkInput.tensor(manager, InputNormalisation.IMAGE.whole(rgb), input);
                NDArray y = NetworkInput.tensor(manager, (r.modality() == Modality.FLOW ? InputNormalisation.FLOW
                        : InputNormalisation.IMAGE).whole(paired), input);
                NDArray t = transfer.teacherFeatures(x);
                String scaling = "teacher features as they are";
                if (spec.adaptation().matchNorms() && r.teacherScale() != null) {
                    // what the loss compared: the teacher's features times the factor the run fixed at its start
                    t = t.mul(r.teacherScale().floatValue());
                    scaling = String.format(Locale.ROOT, "teacher features x %.4g, the factor the run applied "
                            + "(norms matched to the %s's on its first batch)", r.teacherScale(),
                            spec.adaptation().matchTo());
                } else if (spec.adaptation().matchNorms()) {
                    double meanSquare = t.square().mean().getFloat();
                    if (meanSquare > 0) {
                        t = t.mul((float) (1 / Math.sqrt(meanSquare)));
                    }
                    scaling = "teacher features scaled to unit mean square on this image (the run logged no "
                            + "scale of its own)";
                }
                NDArray s = transfer.adapted(y, false);
                long[] shape = t.getShape().getShape();
                int c = (int) shape[1];
                int h = (int) shape[2];
                int w = (int) shape[3];
                String notes = String.format(Locale.ROOT, "%s %s: %d channels of %dx%d on a %dx%d input; %s; "
                        + "student from %s", arch, tap, c, w, h, rgb.width(), rgb.height(), scaling,
                        r.checkpoint().getFileName());
                return new Result(cropSide, c, w, h, t.toFloatArray(), s.toFloatArray(), tap, notes);
            }
        }
    }

    private static String tap(RunSpec spec) {
        return spec.student().tap() == null ? "pool5" : spec.student().tap();
    }

    /** Whether the teacher's and the student's layers have the same spatial size on this input. */
    private static boolean lineUp(RunSpec spec, Shape input) {
        try {
            Shape s = NetworkFactory.create(spec.student().architecture(), 3, 0).outputShape(input, tap(spec));
            if (spec.teacher().source() == TeacherSource.TORCHSCRIPT) {
                return false; // an exported teacher may only take the size it was traced at
            }
            String teacherArch = spec.teacher().architecture() == null ? spec.student().architecture()
                    : spec.teacher().architecture();
            Shape t = NetworkFactory.create(teacherArch, 3, 0).outputShape(input, spec.teacher().tap() == null
                    ? "pool5" : spec.teacher().tap());
            return s.get(2) == t.get(2) && s.get(3) == t.get(3);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The centre {@code side x side} of an image. */
    public static RgbImage crop(RgbImage img, int side) {
        int x0 = (img.width() - side) / 2;
        int y0 = (img.height() - side) / 2;
        RgbImage out = RgbImage.blank(side, side);
        for (int y = 0; y < side; y++) {
            System.arraycopy(img.rgb(), 3 * ((y0 + y) * img.width() + x0), out.rgb(), 3 * y * side, 3 * side);
        }
        return out;
    }
}
