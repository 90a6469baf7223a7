package org.xmodal.engine.synth;

import java.util.List;
import org.xmodal.engine.data.CameraIntrinsics;

/**
 * Ray casting. Geometry (depth, instance, normal, hit point) comes from one ray through each pixel's centre, with
 * the 1-based principal point: rays have a camera-z component of 1, so the ray parameter of a hit is its depth Z.
 * Colour is the mean of a 2x2 grid of rays inside the pixel, as a camera integrates light over its pixels: point
 * sampling would alias fine patterns and edges into jagged noise that no flow can explain between two frames.
 * Objects are tested in their own frames (a turn about the vertical and a shift), after a test against their
 * bounds.
 */
final class SceneRenderer {
    /** Offsets of the colour rays from the pixel centre, in pixels. */
    private static final double[] SUBPIXEL = {-0.25, 0.25};

    private final Room room;
    private final Shading shading;
    private final CameraIntrinsics k;
    private final double[] eye;
    private final double[] right;
    private final double[] down;
    private final double[] forward;
    private final int count;
    private final double[] cos;
    private final double[] sin;
    private final double[][] origin;
    private final double[][] bounds;
    private final Part[][] parts;
    private final Hit hit = new Hit();

    private SceneRenderer(Scene scene, SynthCamera camera) {
        this.room = scene.room();
        this.shading = new Shading(room);
        this.k = camera.intrinsics();
        this.eye = new double[] {camera.x(), camera.y(), camera.z()};
        this.right = camera.right();
        this.down = camera.down();
        this.forward = camera.forward();
        List<SceneObject> objects = scene.objects();
        count = objects.size();
        cos = new double[count];
        sin = new double[count];
        origin = new double[count][];
        bounds = new double[count][];
        parts = new Part[count][];
        for (int o = 0; o < count; o++) {
            SceneObject obj = objects.get(o);
            cos[o] = obj.cos();
            sin[o] = obj.sin();
            origin[o] = obj.toLocal(camera.x(), camera.y(), camera.z());
            bounds[o] = obj.model().bounds();
            parts[o] = obj.model().parts().toArray(new Part[0]);
        }
    }

    static RenderedFrame render(Scene scene, SynthCamera camera) {
        return new SceneRenderer(scene, camera).render();
    }

    /**
     * Only which object each pixel sees (0 for the room, object index + 1 otherwise), from one ray through its centre,
     * as {@link RenderedFrame#instances()} has it: a fifth of a full render's rays and no shading, for a quick look
     * at what a camera sees.
     */
    static int[] instances(Scene scene, SynthCamera camera) {
        return new SceneRenderer(scene, camera).instances();
    }

    private int[] instances() {
        int width = k.width();
        int[] instances = new int[width * k.height()];
        Sample s = new Sample();
        for (int i = 0; i < instances.length; i++) {
            cast(i % width, i / width, s);
            instances[i] = s.object + 1;
        }
        return instances;
    }

    private RenderedFrame render() {
        int width = k.width();
        int height = k.height();
        int n = width * height;
        byte[] rgb = new byte[3 * n];
        float[] depth = new float[n];
        int[] instances = new int[n];
        float[] incidence = new float[n];
        float[] albedo = new float[n];
        double[] points = new double[3 * n];
        Sample s = new Sample();
        double[] colour = new double[3];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int i = row * width + col;
                cast(col, row, s);
                depth[i] = (float) s.t;
                instances[i] = s.object + 1;
                incidence[i] = (float) (Math.abs(s.nx * s.dx + s.ny * s.dy + s.nz * s.dz)
                        / Math.sqrt(s.dx * s.dx + s.dy * s.dy + s.dz * s.dz));
                albedo[i] = (float) (0.2126 * s.material.red() + 0.7152 * s.material.green()
                        + 0.0722 * s.material.blue());
                points[3 * i] = eye[0] + s.t * s.dx;
                points[3 * i + 1] = eye[1] + s.t * s.dy;
                points[3 * i + 2] = eye[2] + s.t * s.dz;
                double r = 0;
                double g = 0;
                double b = 0;
                for (double dy : SUBPIXEL) {
                    for (double dx : SUBPIXEL) {
                        cast(col + dx, row + dy, s);
                        shade(s, colour);
                        r += colour[0];
                        g += colour[1];
                        b += colour[2];
                    }
                }
                int samples = SUBPIXEL.length * SUBPIXEL.length;
                rgb[3 * i] = Shading.toByte(r / samples);
                rgb[3 * i + 1] = Shading.toByte(g / samples);
                rgb[3 * i + 2] = Shading.toByte(b / samples);
            }
        }
        return new RenderedFrame(width, height, rgb, depth, instances, incidence, albedo, points);
    }

    /** What one ray hit: distance, object (-1 for the room), part, world normal and the point in pattern space. */
    private static final class Sample {
        double dx;
        double dy;
        double dz;
        double t;
        int object;
        Material material;
        double nx;
        double ny;
        double nz;
        double u;
        double v;
        double w;
    }

    /** Casts the ray through the (0-based, fractional) pixel position (col, row). */
    private void cast(double col, double row, Sample s) {
        double a = (col + 1 - k.cx()) / k.fx();
        double b = (row + 1 - k.cy()) / k.fy();
        double dx = a * right[0] + b * down[0] + forward[0];
        double dy = a * right[1] + b * down[1] + forward[1];
        double dz = a * right[2] + b * down[2] + forward[2];
        s.dx = dx;
        s.dy = dy;
        s.dz = dz;
        hitRoom(dx, dy, dz, s);
        for (int o = 0; o < count; o++) {
            double c = cos[o];
            double sn = sin[o];
            double ldx = c * dx - sn * dz;
            double ldz = sn * dx + c * dz;
            double[] lo = origin[o];
            if (!entersBefore(bounds[o], lo[0], lo[1], lo[2], ldx, dy, ldz, s.t)) {
                continue;
            }
            hit.reset(s.t);
            for (Part p : parts[o]) {
                p.intersect(lo[0], lo[1], lo[2], ldx, dy, ldz, hit);
            }
            if (hit.found()) {
                s.t = hit.t;
                s.object = o;
                s.material = hit.part.material();
                s.nx = c * hit.nx + sn * hit.nz;
                s.ny = hit.ny;
                s.nz = -sn * hit.nx + c * hit.nz;
                // The hit in the object's frame drives its pattern, so the pattern moves with the object.
                s.u = lo[0] + hit.t * ldx;
                s.v = lo[1] + hit.t * dy;
                s.w = lo[2] + hit.t * ldz;
            }
        }
    }

    private void shade(Sample s, double[] colour) {
        double px = eye[0] + s.t * s.dx;
        double py = eye[1] + s.t * s.dy;
        double pz = eye[2] + s.t * s.dz;
        Shading.colour(s.material, s.u, s.v, s.w, shading.irradiance(px, py, pz, s.nx, s.ny, s.nz), colour);
    }

    /**
     * Where a ray from inside the room leaves it: the face's inward normal, its material, and pattern coordinates
     * (x, z) on the floor and ceiling, (position along the wall, height) on walls.
     */
    private void hitRoom(double dx, double dy, double dz, Sample s) {
        double tx = dx > 0 ? (room.width() - eye[0]) / dx : dx < 0 ? -eye[0] / dx : Double.POSITIVE_INFINITY;
        double ty = dy > 0 ? (room.height() - eye[1]) / dy : dy < 0 ? -eye[1] / dy : Double.POSITIVE_INFINITY;
        double tz = dz > 0 ? (room.depth() - eye[2]) / dz : dz < 0 ? -eye[2] / dz : Double.POSITIVE_INFINITY;
        s.object = -1;
        s.nx = 0;
        s.ny = 0;
        s.nz = 0;
        if (ty <= tx && ty <= tz) {
            s.t = ty;
            s.ny = -Math.signum(dy);
            s.material = s.ny > 0 ? room.floor() : room.ceiling();
            s.u = eye[0] + ty * dx;
            s.v = eye[2] + ty * dz;
        } else if (tx <= tz) {
            s.t = tx;
            s.nx = -Math.signum(dx);
            s.material = room.walls();
            s.u = eye[2] + tx * dz;
            s.v = eye[1] + tx * dy;
        } else {
            s.t = tz;
            s.nz = -Math.signum(dz);
            s.material = room.walls();
            s.u = eye[0] + tz * dx;
            s.v = eye[1] + tz * dy;
        }
        s.w = 0;
    }

    /** Slab test of the ray against an object's bounds: does it enter them before {@code tMax}? */
    private static boolean entersBefore(double[] b, double ox, double oy, double oz, double dx, double dy, double dz,
                                        double tMax) {
        double t0 = 0;
        double t1 = tMax;
        double[] o = {ox, oy, oz};
        double[] dir = {dx, dy, dz};
        for (int axis = 0; axis < 3; axis++) {
            if (dir[axis] == 0) {
                if (o[axis] < b[axis] || o[axis] > b[axis + 3]) {
                    return false;
                }
                continue;
            }
            double a = (b[axis] - o[axis]) / dir[axis];
            double c = (b[axis + 3] - o[axis]) / dir[axis];
            t0 = Math.max(t0, Math.min(a, c));
            t1 = Math.min(t1, Math.max(a, c));
            if (t0 > t1) {
                return false;
            }
        }
        return true;
    }
}
