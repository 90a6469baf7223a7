package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import java.util.SplittableRandom;

/**
 * The adaptation layer of supervision transfer and FitNets' regressor: a 1x1 convolution + ReLU from the student's
 * layer to the teacher's width (on pooled features, a linear layer). Its weights are Kaiming-drawn from the run's
 * seed, its bias zero.
 */
public record AdaptationLayer(NDArray weight, NDArray bias) {
    /** For features of {@code student} and {@code teacher} shapes (N x C x ...): C_student to C_teacher. */
    public static AdaptationLayer create(Shape student, Shape teacher, long seed, NDManager manager) {
        long cs = student.get(1);
        long ct = teacher.get(1);
        float[] w = new float[Math.toIntExact(cs * ct)];
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eedadaL);
        double std = Math.sqrt(2.0 / cs); // Kaiming for the ReLU that follows
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * std);
        }
        NDArray weight = manager.create(w, new Shape(ct, cs, 1, 1));
        NDArray bias = manager.zeros(new Shape(ct));
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
        return new AdaptationLayer(weight, bias);
    }

    /** The student's features mapped to the teacher's width, in the teacher's shape. */
    public NDArray apply(NDArray student) {
        Shape s = student.getShape();
        NDArray x = s.dimension() == 4 ? student : student.reshape(s.get(0), s.get(1), 1, 1);
        NDArray a = Activation.relu(Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1),
                1).singletonOrThrow());
        return s.dimension() == 4 ? a : a.reshape(s.get(0), -1);
    }

    /** The hint: the squared error between the adapted features and the teacher's, normalised as {@code loss}. */
    public NDArray hint(NDArray student, NDArray teacher, HintLoss loss) {
        NDArray adapted = apply(student);
        NDArray diff = adapted.sub(teacher.reshape(adapted.getShape()));
        long batch = diff.getShape().get(0);
        double divisor = loss.divisor(batch, diff.size() / batch);
        return diff.square().sum().div(NativeScalar.of(diff.getManager(), (float) divisor));
    }
}
