package org.xmodal.engine.synth;

import java.util.List;
import org.xmodal.engine.data.CameraIntrinsics;

/**
 * Ray casting, one ray per pixel through its centre: the nearest of the room's inner faces and every object's
 * parts. Rays are built with a camera-z component of 1, so the ray parameter of a hit is its depth Z. Objects are
 * tested in their own frames (a turn about the vertical and a shift), after a test against their bounds.
 */
final class SceneRenderer {
    private SceneRenderer() {
    }

    static RenderedFrame render(Scene scene, SynthCamera camera) {
        CameraIntrinsics k = camera.intrinsics();
        int width = k.width();
        int height = k.height();
        int n = width * height;
        byte[] rgb = new byte[3 * n];
        float[] depth = new float[n];
        int[] instances = new int[n];
        float[] incidence = new float[n];
        double[] points = new double[3 * n];

        List<SceneObject> objects = scene.objects();
        int count = objects.size();
        double[] cos = new double[count];
        double[] sin = new double[count];
        double[][] origin = new double[count][];
        double[][] bounds = new double[count][];
        Part[][] parts = new Part[count][];
        for (int o = 0; o < count; o++) {
            SceneObject obj = objects.get(o);
            cos[o] = obj.cos();
            sin[o] = obj.sin();
            origin[o] = obj.toLocal(camera.x(), camera.y(), camera.z());
            bounds[o] = obj.model().bounds();
            parts[o] = obj.model().parts().toArray(new Part[0]);
        }
        Room room = scene.room();
        Shading shading = new Shading(room);
        double[] r = camera.right();
        double[] d = camera.down();
        double[] f = camera.forward();
        double cx = camera.x();
        double cy = camera.y();
        double cz = camera.z();
        Hit hit = new Hit();

        for (int row = 0; row < height; row++) {
            double b = (row + 1 - k.cy()) / k.fy();
            for (int col = 0; col < width; col++) {
                double a = (col + 1 - k.cx()) / k.fx();
                double dx = a * r[0] + b * d[0] + f[0];
                double dy = a * r[1] + b * d[1] + f[1];
                double dz = a * r[2] + b * d[2] + f[2];
                int i = row * width + col;

                RoomHit wall = roomHit(room, cx, cy, cz, dx, dy, dz);
                double best = wall.t;
                int object = -1;
                Part part = null;
                double lnx = 0;
                double lny = 0;
                double lnz = 0;
                for (int o = 0; o < count; o++) {
                    double c = cos[o];
                    double s = sin[o];
                    double ldx = c * dx - s * dz;
                    double ldz = s * dx + c * dz;
                    double[] lo = origin[o];
                    if (!entersBefore(bounds[o], lo[0], lo[1], lo[2], ldx, dy, ldz, best)) {
                        continue;
                    }
                    hit.reset(best);
                    for (Part p : parts[o]) {
                        p.intersect(lo[0], lo[1], lo[2], ldx, dy, ldz, hit);
                    }
                    if (hit.found()) {
                        best = hit.t;
                        object = o;
                        part = hit.part;
                        lnx = hit.nx;
                        lny = hit.ny;
                        lnz = hit.nz;
                    }
                }

                double px = cx + best * dx;
                double py = cy + best * dy;
                double pz = cz + best * dz;
                double nx;
                double ny;
                double nz;
                if (object >= 0) {
                    nx = cos[object] * lnx + sin[object] * lnz;
                    ny = lny;
                    nz = -sin[object] * lnx + cos[object] * lnz;
                    double[] lo = origin[object];
                    double c = cos[object];
                    double s = sin[object];
                    // The hit in the object's frame drives its pattern, so the pattern moves with the object.
                    double ux = lo[0] + best * (c * dx - s * dz);
                    double uy = lo[1] + best * dy;
                    double uz = lo[2] + best * (s * dx + c * dz);
                    Shading.colour(part.material(), ux, uy, uz, shading.irradiance(px, py, pz, nx, ny, nz), rgb,
                            3 * i);
                } else {
                    nx = wall.nx;
                    ny = wall.ny;
                    nz = wall.nz;
                    Material m = ny > 0 ? room.floor() : ny < 0 ? room.ceiling() : room.walls();
                    double u = ny != 0 ? px : nz != 0 ? px : pz;
                    double v = ny != 0 ? pz : py;
                    Shading.colour(m, u, v, 0, shading.irradiance(px, py, pz, nx, ny, nz), rgb, 3 * i);
                }
                depth[i] = (float) best;
                instances[i] = object + 1;
                double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
                incidence[i] = (float) (Math.abs(nx * dx + ny * dy + nz * dz) / len);
                points[3 * i] = px;
                points[3 * i + 1] = py;
                points[3 * i + 2] = pz;
            }
        }
        return new RenderedFrame(width, height, rgb, depth, instances, incidence, points);
    }

    /** Where a ray from inside the room leaves it, and the inward normal of that face. */
    private record RoomHit(double t, double nx, double ny, double nz) {
    }

    private static RoomHit roomHit(Room room, double ox, double oy, double oz, double dx, double dy, double dz) {
        double tx = dx > 0 ? (room.width() - ox) / dx : dx < 0 ? -ox / dx : Double.POSITIVE_INFINITY;
        double ty = dy > 0 ? (room.height() - oy) / dy : dy < 0 ? -oy / dy : Double.POSITIVE_INFINITY;
        double tz = dz > 0 ? (room.depth() - oz) / dz : dz < 0 ? -oz / dz : Double.POSITIVE_INFINITY;
        if (ty <= tx && ty <= tz) {
            return new RoomHit(ty, 0, -Math.signum(dy), 0);
        }
        if (tx <= tz) {
            return new RoomHit(tx, -Math.signum(dx), 0, 0);
        }
        return new RoomHit(tz, 0, 0, -Math.signum(dz));
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
