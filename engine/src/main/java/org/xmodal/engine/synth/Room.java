package org.xmodal.engine.synth;

/**
 * The box the scene happens in: floor at y = 0 over [0, width] x [0, depth], ceiling at y = height, and its
 * surfaces' materials. A point light hangs below the ceiling; a directional light (a window, the sky) and ambient
 * light add to it.
 *
 * @param light          position of the point light
 * @param lightStrength  brightness of the point light at 1 m
 * @param sun            unit direction towards the directional light
 * @param sunStrength    brightness of the directional light
 * @param ambient        light reaching every surface
 */
record Room(double width, double depth, double height, Material floor, Material walls, Material ceiling,
            double[] light, double lightStrength, double[] sun, double sunStrength, double ambient) {
    Room {
        if (!(width > 0 && depth > 0 && height > 0)) {
            throw new IllegalArgumentException("room size must be positive");
        }
        light = light.clone();
        sun = sun.clone();
    }

    @Override
    public double[] light() {
        return light.clone();
    }

    @Override
    public double[] sun() {
        return sun.clone();
    }
}
