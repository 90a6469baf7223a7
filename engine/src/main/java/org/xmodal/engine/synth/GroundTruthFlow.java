package org.xmodal.engine.synth;

import org.xmodal.engine.image.FlowField;

/**
 * Exact optical flow between two rendered frames: for each pixel of the first frame, take the surface point it
 * sees, carry it along with its object's motion (objects keep their index between the two scene states), and
 * project it into the second camera; the flow is where it lands minus where it was. Points that end up behind the
 * second camera get Middlebury's "unknown" value. Occluded points still get their true motion, as in the usual
 * benchmarks.
 */
final class GroundTruthFlow {
    /** What Middlebury's tools write for unknown flow; anything above 1e9 reads as unknown. */
    static final float UNKNOWN = 1e10f;

    private GroundTruthFlow() {
    }

    static FlowField between(RenderedFrame first, Scene sceneFirst, Scene sceneSecond, SynthCamera cameraSecond) {
        int w = first.width();
        int h = first.height();
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        double[] p = first.points();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double px = p[3 * i];
                double py = p[3 * i + 1];
                double pz = p[3 * i + 2];
                int instance = first.instances()[i];
                if (instance > 0) {
                    double[] local = sceneFirst.objects().get(instance - 1).toLocal(px, py, pz);
                    double[] moved = sceneSecond.objects().get(instance - 1).toWorld(local[0], local[1], local[2]);
                    px = moved[0];
                    py = moved[1];
                    pz = moved[2];
                }
                double[] q = cameraSecond.project(px, py, pz);
                if (!(q[2] > 1e-6)) {
                    u[i] = UNKNOWN;
                    v[i] = UNKNOWN;
                    continue;
                }
                u[i] = (float) (q[0] - x);
                v[i] = (float) (q[1] - y);
            }
        }
        return new FlowField(w, h, u, v);
    }
}
