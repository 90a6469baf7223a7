package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * How images enter every network of the workbench, students and teachers alike, as they entered the paper's Caffe
 * models: N x 3 x H x W float32, the channels of the image file in reverse order (B, G, R, as Caffe's OpenCV reader
 * gave them), on the 0..255 scale, minus a per-channel mean. RGB and HHA images subtract the same means (B 102.98,
 * G 115.95, R 122.77); flow images subtract 128 from every channel.
 *
 * <p>An imported TorchScript teacher receives exactly this tensor. torchvision's ImageNet models expect RGB on the
 * 0..1 scale normalised by the ImageNet mean and standard deviation instead, so the export script in
 * {@code docs/teachers.md} wraps the model in the conversion before tracing it.
 *
 * <p>Memory layout: the tensor is N x C x H x W, stored channels last (a pixel's channels side by side, as PyTorch's
 * {@code torch.channels_last} stores it). Convolutions, ReLU and max pooling keep that layout, so a whole network runs
 * in it, and on the CPU it is much the faster one: alexnet-small's pool1 at batch 64 on one thread takes 0.9 ms
 * channels last and 6.6 ms in the default layout (PyTorch 2.5.1; its channels-last pooling kernel is vectorised
 * across channels), conv2 3.8 ms instead of 5.1, a whole training step of the student a fifth less. Batches are
 * therefore assembled in Java in that order ({@link #index}), and {@link #tensor} makes them tensors without a
 * copy; {@link FeatureNetwork} converts any other input once, on the native side. The layout changes no value:
 * every operation means the same whatever the strides. On a GPU the networks run in PyTorch's default layout, what
 * a PyTorch user gets there: whether cuDNN's float32 kernels are faster channels last depends on the GPU, and no
 * GPU was at hand to measure it ({@link #forDevice}).
 */
public final class NetworkInput {
    /** Mean of the first network channel (blue, or the third channel of the image file). */
    public static final float MEAN_B = 102.98f;
    public static final float MEAN_G = 115.95f;
    /** Mean of the last network channel (red, or the first channel of the image file). */
    public static final float MEAN_R = 122.77f;
    /** Mean of every channel of a flow image (16 u + 128, 16 v + 128, 16 |(u, v)| + 128). */
    public static final float FLOW_MEAN = 128f;

    private NetworkInput() {
    }

    /** Where channel {@code c} of pixel (x, y) of sample {@code n} lies in a batch buffer of 3-channel side x side images. */
    public static int index(int n, int y, int x, int c, int side) {
        return ((n * side + y) * side + x) * 3 + c;
    }

    /**
     * The batch in {@code values} (laid out as {@link #index} says) as an N x C x H x W tensor of {@code manager},
     * stored channels last.
     */
    public static NDArray tensor(NDManager manager, float[] values, Shape nchw) {
        if (nchw.dimension() != 4 || nchw.size() != values.length) {
            throw new IllegalArgumentException("a batch of " + values.length + " values is not of shape " + nchw);
        }
        return manager.create(values, new Shape(nchw.get(0), nchw.get(2), nchw.get(3), nchw.get(1)))
                .transpose(0, 3, 1, 2);
    }

    /**
     * The same N x C x H x W values stored channels last: a copy where {@code x} is stored otherwise, views only
     * (no copy) where it already is. The copy is made with {@code x}'s manager.
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected an N x C x H x W batch, not " + s);
        }
        // reshape(-1) of the N x H x W x C permutation copies unless that permutation is already contiguous
        return x.transpose(0, 2, 3, 1).reshape(-1).reshape(s.get(0), s.get(2), s.get(3), s.get(1))
                .transpose(0, 3, 1, 2);
    }

    /** The layout the networks run in on {@code x}'s device: channels last on the CPU, the default on a GPU. */
    public static NDArray forDevice(NDArray x) {
        return x.getDevice().isGpu() ? contiguous(x) : channelsLast(x);
    }

    /**
     * The same values stored in PyTorch's default (contiguous, channels first) layout: a copy where {@code x} is
     * stored otherwise, a view where it already is. For code outside the workbench that may assume that layout
     * (an imported TorchScript module that calls {@code view}).
     */
    public static NDArray contiguous(NDArray x) {
        return x.reshape(-1).reshape(x.getShape());
    }
}
