package org.xmodal.app.features;

import org.xmodal.engine.run.TeacherSource;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.device.CpuKernels;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.nn.Teacher;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.transfer.InputNormalisation;
import org.xmodal.engine.transfer.PairedBatches;
import org.xmodal.engine.transfer.Resize;
import org.xmodal.engine.transfer.SupervisionTransfer;
import org.xmodal.engine.transfer.Teachers;

/**
 * Runs a transfer run's teacher and student (with its adaptation layer, from a checkpoint) on one pair, in this
 * process, on the CPU: short, read-only inference, called off the UI thread. The images are resized as training
 * resized them and shown whole (the networks are convolutional); if the two transfer layers do not line up on the
 * whole image, the centre crop training used is shown instead. Native failures come back as ordinary exceptions.
 */
public final class FeatureProbe {
    private FeatureProbe() {
    }

    /**
     * @param teacherScale the factor the run applied to its teacher's features when it matched feature norms (its
     *     {@code teacherScale} metric event); empty for runs that logged none
     */
    public static FeatureComparison compare(RunSpec spec, Path checkpoint, OptionalDouble teacherScale,
                                            PairedDataset ds, Pair pair, EncodingCache cache, Cancellation cancel)
            throws IOException {
        RgbImage rgb = ds.rgb(pair);
        int side = spec.inputSize();
        int[] size = Resize.toShortSide(rgb.width(), rgb.height(),
                (int) Math.ceil(side / PairedBatches.CROP_FRACTION));
        RgbImage rgbIn = Resize.rgb(rgb, size[0], size[1]);
        RgbImage pairedIn = paired(PairEncoding.of(spec.encoding(), ds, cache), pair, size);
        cancel.check();
        try {
            // loads PyTorch (the window's process has not, when Features is the first view that needs it) and
            // chooses oneDNN's kernels before the first convolution; nothing below may call into PyTorch before it
            CpuKernels.configure();
            // PyTorch records gradients on every thread but the one that loaded it, and refuses to load weights in
            // place into parameters while it records: this is inference, so it records nothing here
            JniUtils.setGradMode(false);
            return run(spec, checkpoint, teacherScale, rgbIn, pairedIn, ds.modality(), cancel);
        } catch (LinkageError e) {
            throw new IllegalStateException("the PyTorch engine could not run in the workbench (" + e.getMessage()
                    + ")", e);
        }
    }

    /** The student's image of the pair, encoded as the run's spec says (as its training batches were). */
    private static RgbImage paired(PairEncoding encoding, Pair pair, int[] size) throws IOException {
        if (encoding.dataset().modality() == Modality.FLOW) {
            return encoding.flowImage(Resize.flow(encoding.flow(pair), size[0], size[1]));
        }
        return Resize.rgb(encoding.depthInput(pair), size[0], size[1]);
    }

    private static FeatureComparison run(RunSpec spec, Path checkpoint, OptionalDouble teacherScale,
                                         RgbImage rgbIn, RgbImage pairedIn, Modality modality, Cancellation cancel)
            throws IOException {
        String arch = spec.student().architecture();
        String tap = spec.student().tap() == null ? "pool5" : spec.student().tap();
        RgbImage rgb = rgbIn;
        RgbImage paired = pairedIn;
        Shape input = new Shape(1, 3, rgb.height(), rgb.width());
        if (!lineUp(spec, input)) {
            int s = spec.inputSize();
            rgb = crop(rgbIn, s);
            paired = crop(pairedIn, s);
            input = new Shape(1, 3, s, s);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape studentTap = NetworkFactory.create(arch, 3, 0).outputShape(input, tap);
            Teacher teacher = Teachers.open(spec.teacher(), input, studentTap, spec.seed(), Device.cpu(), manager);
            try (SupervisionTransfer transfer = SupervisionTransfer.create(teacher,
                    NetworkFactory.create(arch, 3, 0), tap, null, input, spec.seed(), manager,
                    spec.adaptation().layer())) {
                NetworkWeights.loadInto(transfer.trainable(), checkpoint);
                cancel.check();
                NDArray x = NetworkInput.tensor(manager, InputNormalisation.IMAGE.whole(rgb), input);
                NDArray y = NetworkInput.tensor(manager, (modality == Modality.FLOW ? InputNormalisation.FLOW
                        : InputNormalisation.IMAGE).whole(paired), input);
                NDArray t = transfer.teacherFeatures(x);
                String scaling = "teacher features as they are";
                if (spec.adaptation().matchNorms() && teacherScale.isPresent()) {
                    // what the loss compared: the teacher's features times the factor the run fixed at its start
                    t = t.mul((float) teacherScale.getAsDouble());
                    scaling = String.format(Locale.ROOT, "teacher features x %.4g, the factor the run applied "
                            + "(norms matched to the %s's on its first batch)", teacherScale.getAsDouble(),
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
                float[] tv = t.toFloatArray();
                float[] sv = s.toFloatArray();
                String notes = String.format(Locale.ROOT, "%s %s: %d channels of %dx%d on a %dx%d input; %s; "
                        + "student from %s", arch, tap, c, w, h, rgb.width(), rgb.height(), scaling,
                        checkpoint.getFileName());
                return new FeatureComparison(rgb, paired, tv, sv, c, w, h, FeatureComparison.l2(tv, sv, c, w, h),
                        tap, notes);
            }
        }
    }

    /** Whether the teacher's and the student's layers have the same spatial size on this input. */
    private static boolean lineUp(RunSpec spec, Shape input) {
        String tap = spec.student().tap() == null ? "pool5" : spec.student().tap();
        try {
            Shape s = NetworkFactory.create(spec.student().architecture(), 3, 0).outputShape(input, tap);
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

    private static RgbImage crop(RgbImage img, int side) {
        int x0 = (img.width() - side) / 2;
        int y0 = (img.height() - side) / 2;
        RgbImage out = RgbImage.blank(side, side);
        for (int y = 0; y < side; y++) {
            System.arraycopy(img.rgb(), 3 * ((y0 + y) * img.width() + x0), out.rgb(), 3 * y * side, 3 * side);
        }
        return out;
    }
}
