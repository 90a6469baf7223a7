package org.xmodal.engine.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.xmodal.engine.json.Identified;

/**
 * How a network's weights are drawn from its seed before training. Biases and BatchNorm shifts start at 0 in both.
 */
public enum WeightInit implements Identified {
    /**
     * Kaiming/He normal, std sqrt(2 / fan_in), the classifier std 0.01: activations keep their scale through the
     * ReLU stack, so pool5 is of the order of the 0..255 input.
     */
    KAIMING("kaiming"),
    /**
     * As the paper's Caffe models are filled: Gaussian weights with std 0.01 for every convolution and the
     * classifier, 0.005 for the hidden fully connected layers (fc6, fc7), as Caffe's AlexNet definition. Each layer
     * then shrinks its input by about 5x, so pool5 starts near zero and the paper's SGD (lr 1e-3, momentum 0.9)
     * takes small steps on a loss of the order of the teacher's feature energy.
     */
    CAFFE("caffe"),
    /**
     * Kaiming/He normal for every layer but the first convolution, which starts as Caffe's (std 0.01). With 0..255
     * inputs, conv1's Kaiming std (0.074 for AlexNet's 11 x 11 x 3) is larger than what a short run on a CPU adds to
     * it: the cpu-demo teacher's conv1 after 600 steps scored as noise on {@code filterStructure} (0.18, noise 0.17)
     * and looked like its random start. Started small, conv1 shows what training put there (0.70 after the same
     * steps at 1e-3), while the layers above keep Kaiming's scale and learn as fast as before.
     */
    KAIMING_SMALL_CONV1("kaiming-small-conv1");

    private final String id;

    WeightInit(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The scheme named {@code id} ({@code kaiming} when null). */
    @JsonCreator
    public static WeightInit parse(String id) {
        return id == null ? KAIMING : Identified.parse(WeightInit.class, id, "student.weightInit");
    }
}
