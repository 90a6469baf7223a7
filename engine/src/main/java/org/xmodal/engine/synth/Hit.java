package org.xmodal.engine.synth;

/**
 * The nearest surface found so far along one ray: distance, normal (in the frame the ray was given in) and what was
 * hit. Mutable and reused per ray, because the renderer casts millions of rays and must not allocate for each.
 */
final class Hit {
    /** Ray parameter; with the renderer's rays (camera-z component 1) it is the depth Z in metres. */
    double t;
    double nx;
    double ny;
    double nz;
    Part part;

    void reset(double tMax) {
        t = tMax;
        part = null;
    }

    boolean found() {
        return part != null;
    }
}
