package org.xmodal.app.features;

import org.xmodal.engine.image.RgbImage;
import org.xmodal.viz.FeatureMapPictures.Map2d;

/**
 * The teacher's and the student's feature maps at the transfer layer for one pair, and how far apart they are at
 * each location.
 *
 * @param rgb      the RGB image the teacher saw (resized as in training)
 * @param paired   the image of the other modality the student saw (HHA, or flow as the action-tubes image)
 * @param teacher  the teacher's features, {@code [channels][height][width]}, scaled as the loss scales them
 * @param student  the student's adapted features t(psi(x)), same layout
 * @param error    per location, the L2 distance between the two feature vectors
 * @param notes    how the maps were made (the checkpoint, the scaling)
 */
public record FeatureComparison(RgbImage rgb, RgbImage paired, float[] teacher, float[] student, int channels,
                                int width, int height, Map2d error, String layer, String notes) {

    public Map2d teacherChannel(int c) {
        return channel(teacher, c);
    }

    public Map2d studentChannel(int c) {
        return channel(student, c);
    }

    private Map2d channel(float[] maps, int c) {
        if (c < 0 || c >= channels) {
            throw new IllegalArgumentException("channel " + c + " of " + channels);
        }
        float[] out = new float[width * height];
        System.arraycopy(maps, c * width * height, out, 0, out.length);
        return new Map2d(out, width, height);
    }

    /** The channel where the teacher responds most on this image (the one worth looking at first). */
    public int mostActiveChannel() {
        int best = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        int plane = width * height;
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int i = 0; i < plane; i++) {
                s += teacher[c * plane + i];
            }
            if (s > bestMean) {
                bestMean = s;
                best = c;
            }
        }
        return best;
    }

    /** Mean over locations of the L2 error, relative to the mean L2 norm of the teacher's feature vectors. */
    public double relativeError() {
        int plane = width * height;
        double norms = 0;
        for (int i = 0; i < plane; i++) {
            double s = 0;
            for (int c = 0; c < channels; c++) {
                double t = teacher[c * plane + i];
                s += t * t;
            }
            norms += Math.sqrt(s);
        }
        return norms > 0 ? error.mean() * plane / norms : Double.NaN;
    }

    /** Per location, sqrt(sum over channels of (teacher - student)^2). */
    static Map2d l2(float[] teacher, float[] student, int channels, int width, int height) {
        int plane = width * height;
        float[] e = new float[plane];
        for (int i = 0; i < plane; i++) {
            double s = 0;
            for (int c = 0; c < channels; c++) {
                double d = teacher[c * plane + i] - student[c * plane + i];
                s += d * d;
            }
            e[i] = (float) Math.sqrt(s);
        }
        return new Map2d(e, width, height);
    }
}
