package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterStructureTest {
    private static final int K = 11;

    @Test
    void randomWeightsScoreTheShareOfLowFrequencies() {
        float[] w = new float[96 * 3 * K * K];
        Random r = new Random(7);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.07 * r.nextGaussian());
        }
        double noise = FilterStructure.noiseLevel(K);
        assertEquals(21 / 121.0, noise, 1e-12, "21 of the 121 frequencies of an 11 x 11 kernel are low");
        assertEquals(noise, FilterStructure.score(w, 96, 3, K), 0.02);
    }

    @Test
    void smoothBlobsAndOrientedEdgesScoreHigh() {
        float[] blobs = new float[2 * 3 * K * K];
        float[] edges = new float[2 * 3 * K * K];
        for (int f = 0; f < 2; f++) {
            double angle = f * Math.PI / 3;
            for (int c = 0; c < 3; c++) {
                double sign = c == 1 ? -1 : 1; // colour-opponent, as conv1's colour blobs
                for (int y = 0; y < K; y++) {
                    for (int x = 0; x < K; x++) {
                        double dx = x - K / 2.0 + 0.5;
                        double dy = y - K / 2.0 + 0.5;
                        double window = Math.exp(-(dx * dx + dy * dy) / (2 * 3.0 * 3.0));
                        int i = ((f * 3 + c) * K + y) * K + x;
                        blobs[i] = (float) (sign * window);
                        // an edge across the kernel: one slow cycle in the direction of angle
                        edges[i] = (float) (window * Math.sin(2 * Math.PI * 0.08 * (dx * Math.cos(angle)
                                + dy * Math.sin(angle))));
                    }
                }
            }
        }
        assertTrue(FilterStructure.score(blobs, 2, 3, K) > 0.95, "blobs");
        assertTrue(FilterStructure.score(edges, 2, 3, K) > 0.8, "edges");
    }

    @Test
    void aCheckerboardScoresNearZero() {
        float[] w = new float[K * K];
        for (int y = 0; y < K; y++) {
            for (int x = 0; x < K; x++) {
                w[y * K + x] = (x + y) % 2 == 0 ? 1 : -1;
            }
        }
        assertTrue(FilterStructure.score(w, 1, 1, K) < 0.05);
    }

    @Test
    void agreesWithADirectTwoDimensionalTransform() {
        int k = 5;
        int filters = 3;
        int channels = 2;
        float[] w = new float[filters * channels * k * k];
        Random r = new Random(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() + (i % 7 == 0 ? 2 : 0);
        }
        double expected = 0;
        for (int f = 0; f < filters; f++) {
            double low = 0;
            double all = 0;
            for (int c = 0; c < channels; c++) {
                for (int v = 0; v < k; v++) {
                    for (int u = 0; u < k; u++) {
                        double re = 0;
                        double im = 0;
                        for (int y = 0; y < k; y++) {
                            for (int x = 0; x < k; x++) {
                                double a = -2 * Math.PI * (u * x + v * y) / k;
                                double val = w[((f * channels + c) * k + y) * k + x];
                                re += val * Math.cos(a);
                                im += val * Math.sin(a);
                            }
                        }
                        double e = re * re + im * im;
                        all += e;
                        double fu = Math.min(u, k - u) / (double) k;
                        double fv = Math.min(v, k - v) / (double) k;
                        if (fu * fu + fv * fv <= 0.25 * 0.25 + 1e-12) {
                            low += e;
                        }
                    }
                }
            }
            expected += low / all / filters;
        }
        assertEquals(expected, FilterStructure.score(w, filters, channels, k), 1e-9);
    }

    @Test
    void badShapesAreRefusedAndZeroWeightsHaveNoScore() {
        assertThrows(IllegalArgumentException.class, () -> FilterStructure.score(new float[10], 1, 1, K));
        assertTrue(Double.isNaN(FilterStructure.score(new float[K * K], 1, 1, K)));
    }
}
