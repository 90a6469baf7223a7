package org.xmodal.engine.data;

/**
 * Pinhole intrinsics of the camera that took the depth (registered to RGB) in pixels.
 * The principal point uses 1-based pixel coordinates, as NYU's toolbox and Gupta's MATLAB code do:
 * the pixel at 0-based column {@code i} has coordinate {@code i + 1}, so X = (i + 1 - cx) Z / fx.
 */
public record CameraIntrinsics(double fx, double fy, double cx, double cy, int width, int height) {
    public CameraIntrinsics {
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
            throw new IllegalArgumentException("focal lengths must be positive, got fx=" + fx + " fy=" + fy);
        }
        if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("principal point must be finite, got cx=" + cx + " cy=" + cy);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }

    /** NYU Depth v2 colour camera, full 640x480 frame. */
    public static CameraIntrinsics nyuColour() {
        return new CameraIntrinsics(518.85790117450188, 519.46961112127485, 325.58244941119034,
                253.73616633400465, 640, 480);
    }

    /** NYU Depth v2 colour camera on the 560x425 crop (rows 46-470, columns 41-600) of Gupta's pipeline. */
    public static CameraIntrinsics nyuCrop() {
        CameraIntrinsics c = nyuColour();
        return new CameraIntrinsics(c.fx, c.fy, c.cx - 40, c.cy - 45, 560, 425);
    }

    /** The same camera for an image resized to {@code w x h} (the 1-based principal point scales about 0.5). */
    public CameraIntrinsics scaledTo(int w, int h) {
        double sx = w / (double) width;
        double sy = h / (double) height;
        return new CameraIntrinsics(fx * sx, fy * sy, (cx - 0.5) * sx + 0.5, (cy - 0.5) * sy + 0.5, w, h);
    }

    /** Horizontal field of view in degrees. */
    public double horizontalFovDegrees() {
        return Math.toDegrees(2 * Math.atan(width / (2 * fx)));
    }
}
