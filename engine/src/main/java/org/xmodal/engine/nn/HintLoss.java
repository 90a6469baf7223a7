package org.xmodal.engine.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.xmodal.engine.json.Identified;

/**
 * How the summed squared error between the student's adapted features and the teacher's is normalised (a run's
 * {@code adaptation.loss}). The factor is all that differs; what the student learns is the same, but the paper's SGD
 * rate only trains stably with the per-element one.
 */
public enum HintLoss implements Identified {
    /** Summed over each feature map, averaged over the batch (the default). */
    PER_IMAGE("per-image"),
    /** Caffe's EuclideanLoss, which the paper trained with: half of the per-image loss. */
    CAFFE("caffe"),
    /** Averaged over every element as well (PyTorch's MSELoss). */
    PER_ELEMENT("per-element");

    private final String id;

    HintLoss(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** What the summed squared error of a batch of {@code batchSize} maps of {@code elements} values is divided by. */
    public double divisor(long batchSize, long elements) {
        return switch (this) {
            case PER_IMAGE -> batchSize;
            case CAFFE -> 2.0 * batchSize;
            case PER_ELEMENT -> (double) batchSize * elements;
        };
    }

    /** The normalisation named {@code id} ({@code per-image} when null). */
    @JsonCreator
    public static HintLoss parse(String id) {
        return id == null ? PER_IMAGE : Identified.parse(HintLoss.class, id, "adaptation.loss");
    }
}
