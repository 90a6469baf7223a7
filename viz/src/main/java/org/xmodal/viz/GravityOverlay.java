package org.xmodal.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.data.CameraIntrinsics;

/**
 * Where an estimated gravity direction appears in the image. Coordinates are continuous image coordinates: (0, 0)
 * is the top-left corner of the top-left pixel, so the centre of the 0-based pixel (i, j) is (i + 0.5, j + 0.5),
 * which is (i + 1, j + 1) in the camera's 1-based convention.
 */
public final class GravityOverlay {
    /** A line segment in image coordinates. */
    public record Segment(double x1, double y1, double x2, double y2) {
        public double length() {
            return Math.hypot(x2 - x1, y2 - y1);
        }
    }

    private GravityOverlay() {
    }

    /**
     * The horizon: the image of the plane through the camera centre perpendicular to gravity, where every level
     * surface vanishes. Empty when it does not cross the image (a camera looking steeply down sees no horizon).
     *
     * @param down   unit gravity in camera coordinates (x right, y down, z forward)
     * @param camera intrinsics of this image (same size)
     */
    public static Optional<Segment> horizon(double[] down, CameraIntrinsics camera) {
        // down . ((x + 0.5 - cx) / fx, (y + 0.5 - cy) / fy, 1) = 0, i.e. a x + b y + c = 0
        double a = down[0] / camera.fx();
        double b = down[1] / camera.fy();
        double c = down[0] * (0.5 - camera.cx()) / camera.fx() + down[1] * (0.5 - camera.cy()) / camera.fy() + down[2];
        double w = camera.width();
        double h = camera.height();
        List<double[]> hits = new ArrayList<>();
        if (Math.abs(b) > 1e-12) {
            addIfInside(hits, 0, -c / b, w, h);
            addIfInside(hits, w, -(a * w + c) / b, w, h);
        }
        if (Math.abs(a) > 1e-12) {
            addIfInside(hits, -c / a, 0, w, h);
            addIfInside(hits, -(b * h + c) / a, h, w, h);
        }
        double[] p = null;
        double[] q = null;
        double best = -1;
        for (int i = 0; i < hits.size(); i++) {
            for (int j = i + 1; j < hits.size(); j++) {
                double d = Math.hypot(hits.get(i)[0] - hits.get(j)[0], hits.get(i)[1] - hits.get(j)[1]);
                if (d > best) {
                    best = d;
                    p = hits.get(i);
                    q = hits.get(j);
                }
            }
        }
        return best > 1e-6 ? Optional.of(new Segment(p[0], p[1], q[0], q[1])) : Optional.empty();
    }

    /**
     * An arrow of {@code length} pixels from the principal point pointing "up" (against gravity) as it appears
     * there in the image: the image of a short vertical segment standing on the optical axis.
     */
    public static Segment upArrow(double[] down, CameraIntrinsics camera, double length) {
        double x0 = camera.cx() - 0.5;
        double y0 = camera.cy() - 0.5;
        double dx = -down[0] * camera.fx();
        double dy = -down[1] * camera.fy();
        double n = Math.hypot(dx, dy);
        if (n < 1e-12) {
            // looking straight along gravity: "up" has no direction in the image
            return new Segment(x0, y0, x0, y0);
        }
        return new Segment(x0, y0, x0 + dx / n * length, y0 + dy / n * length);
    }

    private static void addIfInside(List<double[]> hits, double x, double y, double w, double h) {
        double eps = 1e-9;
        if (x >= -eps && x <= w + eps && y >= -eps && y <= h + eps) {
            hits.add(new double[] {x, y});
        }
    }
}
