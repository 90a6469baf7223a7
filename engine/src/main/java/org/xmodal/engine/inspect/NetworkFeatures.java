package org.xmodal.engine.inspect;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NetworkTeacher;
import org.xmodal.engine.transfer.InputNormalisation;

/** One network's maps at one layer for an RGB image: what a teacher answers. */
public final class NetworkFeatures {
    private NetworkFeatures() {
    }

    /**
     * @param weights a run's checkpoint or final weights, for a network of {@code architecture} on three planes
     * @param tap the layer ("pool5")
     */
    public record Request(String architecture, Path weights, String tap, RgbImage rgb) implements Question {
    }

    /** The maps, channel-major ({@code channels x height x width}). */
    public record Result(int channels, int width, int height, float[] values) implements Reply {
    }

    public static Result compute(Request r) throws IOException {
        InferenceThread.prepare();
        try (NetworkTeacher teacher = NetworkTeacher.fromCheckpoint(r.architecture(), 3, r.weights(), r.tap(),
                Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Shape input = new Shape(1, 3, r.rgb().height(), r.rgb().width());
            NDArray x = NetworkInput.tensor(m, InputNormalisation.IMAGE.whole(r.rgb()), input);
            NDArray features = teacher.features(x);
            long[] fs = features.getShape().getShape();
            return new Result((int) fs[1], (int) fs[3], (int) fs[2], features.toFloatArray());
        }
    }
}
