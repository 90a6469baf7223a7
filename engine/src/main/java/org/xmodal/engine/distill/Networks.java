package org.xmodal.engine.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xmodal.engine.finetune.InitialWeights;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.transfer.Teachers;

/**
 * The two networks of a distillation run and the layers of each that its objective reads: the frozen RGB teacher
 * (its pooled feature, a of Xia et al., which the relational, contrastive and noise-filter terms use; its hint tap,
 * pool5 unless {@code teacher.tap} says otherwise; its classifier for {@code kd}; attention taps) and the student
 * (its pooled feature v, its hint tap, the spatial map before pooling as the noise filter's tokens, attention taps,
 * and its classifier, which every run trains).
 */
record Networks(FeatureNetwork teacher, FeatureNetwork student, String teacherFeatureTap, String studentFeatureTap,
                List<String> teacherTaps, List<String> studentTaps, Shape input) {
    /** The key under which the student's map before global pooling (the noise filter's tokens) is computed. */
    static final String TOKENS = "layer4";

    /** Refuses a spec whose networks cannot give what its objective reads, naming the field and the reason. */
    static void check(RunSpec spec, int classes) throws IOException {
        plan(spec, classes);
    }

    /** Builds both networks: the teacher from its weights, the student seeded (or from {@code student.init}). */
    static Networks build(RunSpec spec, int classes, Shape input, NDManager manager) throws IOException {
        Networks n = plan(spec, classes);
        Path weights = Teachers.weightsOf(Path.of(spec.teacher().weights()));
        n.teacher().initialize(manager, input, spec.seed() + 7919);
        String deepest = n.teacherTaps().get(n.teacherTaps().size() - 1);
        org.xmodal.engine.nn.NetworkWeights.load(n.teacher().parametersUpTo(deepest), weights);
        n.student().initialize(manager, input, spec.seed());
        if (!spec.student().randomInit()) {
            InitialWeights.loadMatching(n.student().namedParameters(), Teachers.weightsOf(Path.of(
                    spec.student().init())));
        }
        return new Networks(n.teacher(), n.student(), n.teacherFeatureTap(), n.studentFeatureTap(), n.teacherTaps(),
                n.studentTaps(), input);
    }

    /** The networks (not initialised) and their taps, after every check that needs no weights loaded. */
    private static Networks plan(RunSpec spec, int classes) throws IOException {
        RunSpec.Teacher t = spec.teacher();
        Objective o = spec.objective();
        if (t.architecture() == null) {
            throw new IllegalArgumentException("teacher.architecture is required: the RGB network the weights are of");
        }
        if (t.weights() == null || t.weights().isBlank()) {
            throw new IllegalArgumentException("teacher.weights is required: a weights file or the run folder of the "
                    + "trained RGB teacher");
        }
        Path weights = Teachers.weightsFor(t.weights(), "teacher.weights");
        int stored = DistillRun.storedClasses(weights);
        if (o.uses(Objective.KD) && stored == 0) {
            throw new BadInputException(weights, "has no classifier (fc): kd distils the teacher's class "
                    + "probabilities and needs a teacher that classifies the " + classes + " scene classes (a "
                    + "finetune run with task scenes on the RGB images)");
        }
        if (o.uses(Objective.KD) && stored != classes) {
            throw new BadInputException(weights, "classifies " + stored + " classes but the data has " + classes
                    + " scene classes: kd needs a teacher trained on the same classes");
        }
        FeatureNetwork teacher = NetworkFactory.create(t.architecture(), 3, stored);
        FeatureNetwork student = NetworkFactory.create(spec.student().architecture(), 3, classes);
        int side = spec.inputSize();
        Shape input = new Shape(2, 3, side, side);
        String teacherTap = t.tap() == null || t.tap().isBlank() ? DistillRun.POOLED : t.tap();
        String studentTap = spec.student().tap() == null || spec.student().tap().isBlank() ? DistillRun.POOLED
                : spec.student().tap();
        requireTap("teacher.tap", teacher, teacherTap);
        requireTap("student.tap", student, studentTap);
        requireTap("student.architecture", student, DistillRun.POOLED);
        requireTap("student.architecture", student, DistillRun.CLASSIFIER);
        requireTap("teacher.architecture", teacher, DistillRun.POOLED);
        Set<String> teacherTaps = new LinkedHashSet<>(List.of(teacherTap, DistillRun.POOLED));
        Set<String> studentTaps = new LinkedHashSet<>(List.of(studentTap, DistillRun.POOLED, DistillRun.CLASSIFIER));
        if (o.uses(Objective.KD)) {
            teacherTaps.add(DistillRun.CLASSIFIER);
        }
        if (o.uses(Objective.ATTENTION)) {
            for (String tap : spec.distill().attentionTaps()) {
                requireTap("distill.attentionTaps", teacher, tap);
                requireTap("distill.attentionTaps", student, tap);
                Shape ts = teacher.outputShape(input, tap);
                Shape ss = student.outputShape(input, tap);
                if (ts.dimension() != 4 || ss.dimension() != 4 || ts.get(2) != ss.get(2) || ts.get(3) != ss.get(3)) {
                    throw new IllegalArgumentException("distill.attentionTaps: at " + tap + " the student's map is "
                            + ss + " and the teacher's " + ts + " for " + side + " px inputs; attention transfer "
                            + "compares maps of the same spatial size");
                }
                teacherTaps.add(tap);
                studentTaps.add(tap);
            }
        }
        if (o.uses(Objective.HINT) || o.uses(Objective.COSINE_HINT)) {
            Shape ts = teacher.outputShape(input, teacherTap);
            Shape ss = student.outputShape(input, studentTap);
            if (spatial(ts) != spatial(ss) && !(ts.dimension() == 2 && ss.dimension() == 2)) {
                throw new IllegalArgumentException("the student's " + studentTap + " is " + ss + " but the teacher's "
                        + teacherTap + " is " + ts + ": the hint's 1x1 adaptation layer needs the same spatial size");
            }
        }
        if (o.uses(Objective.CSC)) {
            if (!student.taps().contains(TOKENS)) {
                throw new IllegalArgumentException("csc and the noise filter attend over the student's spatial map "
                        + "before pooling (" + TOKENS + "), which " + student.architecture() + " has not: use a ResNet "
                        + "student");
            }
            long a = width(teacher.outputShape(input, DistillRun.POOLED));
            long v = width(student.outputShape(input, DistillRun.POOLED));
            long tokens = student.outputShape(input, TOKENS).get(1);
            if (a != v || v != tokens) {
                throw new IllegalArgumentException("the noise filter pairs the teacher's pooled feature (" + a
                        + " wide) with the student's (" + v + ") and its " + TOKENS + " map ("
                        + tokens + " channels): they must be equally wide (the same ResNet width for both networks)");
            }
            if (a % 2 != 0) {
                throw new IllegalArgumentException("the noise filter's two attention heads need an even feature "
                        + "width, the networks' is " + a);
            }
            studentTaps.add(TOKENS);
        }
        return new Networks(teacher, student, teacherTap, studentTap, ordered(teacher, teacherTaps),
                ordered(student, studentTaps), input);
    }

    private static long spatial(Shape s) {
        return s.dimension() == 4 ? s.get(2) * 1000 + s.get(3) : 1001;
    }

    private static long width(Shape s) {
        long w = 1;
        for (int i = 1; i < s.dimension(); i++) {
            w *= s.get(i);
        }
        return w;
    }

    private static List<String> ordered(FeatureNetwork net, Set<String> taps) {
        List<String> out = new ArrayList<>(taps);
        out.sort(Comparator.comparingInt(net.taps()::indexOf));
        return List.copyOf(out);
    }

    private static void requireTap(String field, FeatureNetwork net, String tap) {
        if (!net.taps().contains(tap)) {
            throw new IllegalArgumentException(field + ": " + net.architecture() + " has no layer '" + tap
                    + "' (its layers: " + String.join(", ", net.taps()) + ")");
        }
    }

    /** The outputs at {@code taps} (in the network's order) of one forward pass. */
    static Map<String, NDArray> forward(FeatureNetwork net, ParameterStore store, NDArray x, List<String> taps,
                                        boolean training) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        String previous = null;
        for (String tap : taps) {
            NDArray y = previous == null ? net.forward(store, x, tap, training)
                    : net.forwardFrom(store, out.get(previous), previous, tap, training);
            out.put(tap, y);
            previous = tap;
        }
        return out;
    }

    /** A (B, C, H, W) map as B sets of H x W tokens of C channels, (B, HW, C). */
    static NDArray tokens(NDArray map) {
        Shape s = map.getShape();
        return map.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
    }

    /** The shape of the teacher's output at {@code tap} for {@code batch} images. */
    Shape teacherShape(String tap, int batch) {
        Shape s = teacher.outputShape(new Shape(batch, 3, input.get(2), input.get(3)), tap);
        return s;
    }

    Shape studentFeatureShape(Shape in) {
        return student.outputShape(in, studentFeatureTap);
    }

    Shape teacherFeatureShape(Shape in) {
        return teacher.outputShape(in, teacherFeatureTap);
    }

    /** The width of the student's pooled feature v. */
    int pooledWidth(Shape in) {
        return (int) width(student.outputShape(in, DistillRun.POOLED));
    }

    /** The width of the teacher's pooled feature a. */
    int teacherPooledWidth(Shape in) {
        return (int) width(teacher.outputShape(in, DistillRun.POOLED));
    }
}
