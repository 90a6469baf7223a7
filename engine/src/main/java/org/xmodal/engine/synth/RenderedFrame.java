package org.xmodal.engine.synth;

import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;

/**
 * What the renderer saw, per pixel, row-major from the top-left: colour, the exact (noise-free) depth Z, the
 * instance hit (0 for the room's floor, walls and ceiling; object index + 1 otherwise), the cosine between the
 * viewing ray and the surface normal, the luminance of the surface's base colour (dark surfaces reflect little of
 * a depth sensor's infrared pattern), and the world point hit (x, y, z interleaved).
 */
record RenderedFrame(int width, int height, byte[] rgb, float[] depth, int[] instances, float[] incidence,
                     float[] albedo, double[] points) {
    RenderedFrame {
        int n = width * height;
        if (rgb.length != 3 * n || depth.length != n || instances.length != n || incidence.length != n
                || albedo.length != n || points.length != 3 * n) {
            throw new IllegalArgumentException("frame buffers do not match " + width + "x" + height);
        }
    }

    RgbImage image() {
        return new RgbImage(width, height, rgb.clone());
    }

    /** The true depth, in metres. */
    DepthMap trueDepth() {
        return new DepthMap(width, height, depth.clone());
    }
}
