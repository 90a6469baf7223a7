package org.xmodal.engine.nn;

/**
 * How images enter every network of the workbench, students and teachers alike, as they entered the paper's Caffe
 * models: N x 3 x H x W float32, the channels of the image file in reverse order (B, G, R, as Caffe's OpenCV reader
 * gave them), on the 0..255 scale, minus a per-channel mean. RGB and HHA images subtract the same means (B 102.98,
 * G 115.95, R 122.77); flow images subtract 128 from every channel.
 *
 * <p>An imported TorchScript teacher receives exactly this tensor. torchvision's ImageNet models expect RGB on the
 * 0..1 scale normalised by the ImageNet mean and standard deviation instead, so the export script in
 * {@code docs/teachers.md} wraps the model in the conversion before tracing it.
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
}
