package org.xmodal.engine.synth;

/**
 * Lambertian shading of a surface point: ambient light, plus the directional light, plus the room's point light
 * falling off with distance. No shadows and no highlights, so a surface looks the same from every viewpoint and a
 * moving camera sees the same colours (optical flow ground truth stays photometrically consistent).
 */
final class Shading {
    /** Distance (metres) at which the point light is down to half: it falls off as 1 / (1 + (d / FALLOFF)^2). */
    private static final double FALLOFF = 3.0;

    private final double[] light;
    private final double lightStrength;
    private final double[] sun;
    private final double sunStrength;
    private final double ambient;

    Shading(Room room) {
        this.light = room.light();
        this.lightStrength = room.lightStrength();
        this.sun = room.sun();
        this.sunStrength = room.sunStrength();
        this.ambient = room.ambient();
    }

    /** Light falling on a point with unit normal n (world), about 0.3 to 1.2. */
    double irradiance(double px, double py, double pz, double nx, double ny, double nz) {
        double lx = light[0] - px;
        double ly = light[1] - py;
        double lz = light[2] - pz;
        double d2 = lx * lx + ly * ly + lz * lz;
        double d = Math.sqrt(d2);
        double point = Math.max(0, (nx * lx + ny * ly + nz * lz) / d) / (1 + d2 / (FALLOFF * FALLOFF));
        double directional = Math.max(0, nx * sun[0] + ny * sun[1] + nz * sun[2]);
        return ambient + lightStrength * point + sunStrength * directional;
    }

    /** The colour (display RGB, 0..1) of a surface of material m at pattern coordinates (u, v, w) under the light. */
    static void colour(Material m, double u, double v, double w, double light, double[] out) {
        double f = m.texture().factor(m, u, v, w) * light;
        out[0] = m.red() * f;
        out[1] = m.green() * f;
        out[2] = m.blue() * f;
    }

    static byte toByte(double c) {
        return (byte) (int) Math.round(Math.max(0, Math.min(1, c)) * 255);
    }
}
