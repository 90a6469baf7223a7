package org.xmodal.engine.run;

/**
 * How structured a layer's filters are, as one number: for each filter, the share of its spectral energy (summed over
 * its input planes) at low spatial frequencies, averaged over the filters. Smooth oriented edges and colour blobs,
 * what the paper's Figure 2 shows for a trained conv1, keep most of their energy there (0.8 and above); independent
 * random weights spread it evenly over the frequencies, so they score the share of the frequencies that are low
 * ({@link #noiseLevel}, 0.17 for 11 x 11 kernels). Logged as the metric {@code filterStructure} at every filter
 * snapshot of a run.
 *
 * <p>Low means within a quarter cycle per pixel of zero (half the highest frequency a kernel can hold), the constant
 * component included: a filter that is a colour blob is mostly constant in each plane.
 */
public final class FilterStructure {
    /** The metric's name in metrics.csv. */
    public static final String METRIC = "filterStructure";
    /** Radius of the low band, in cycles per pixel (the highest frequency is 0.5). */
    static final double LOW = 0.25;

    private FilterStructure() {
    }

    /**
     * @param weights  the layer's weights, [out][in][k][k] flattened in C order
     * @param filters  number of filters (out)
     * @param channels input planes per filter (in)
     * @param k        kernel side
     * @return the mean over filters of the low-frequency share of energy, in [0, 1]; NaN when every weight is zero
     */
    public static double score(float[] weights, int filters, int channels, int k) {
        if (filters <= 0 || channels <= 0 || k <= 0 || weights.length != filters * channels * k * k) {
            throw new IllegalArgumentException("filter weights: expected " + filters + " x " + channels + " x " + k
                    + " x " + k + " values, got " + weights.length);
        }
        boolean[][] low = lowBand(k);
        double[][] cos = new double[k][k];
        double[][] sin = new double[k][k];
        for (int u = 0; u < k; u++) {
            for (int x = 0; x < k; x++) {
                cos[u][x] = Math.cos(2 * Math.PI * u * x / k);
                sin[u][x] = Math.sin(2 * Math.PI * u * x / k);
            }
        }
        double sum = 0;
        int counted = 0;
        double[][] re = new double[k][k];
        double[][] im = new double[k][k];
        for (int f = 0; f < filters; f++) {
            double lowEnergy = 0;
            double energy = 0;
            for (int c = 0; c < channels; c++) {
                int base = (f * channels + c) * k * k;
                // the 2-D DFT as two passes of 1-D ones: along rows (x -> u), then along columns (y -> v)
                for (int y = 0; y < k; y++) {
                    for (int u = 0; u < k; u++) {
                        double r = 0;
                        double i = 0;
                        for (int x = 0; x < k; x++) {
                            float w = weights[base + y * k + x];
                            r += w * cos[u][x];
                            i -= w * sin[u][x];
                        }
                        re[y][u] = r;
                        im[y][u] = i;
                    }
                }
                for (int v = 0; v < k; v++) {
                    for (int u = 0; u < k; u++) {
                        double r = 0;
                        double i = 0;
                        for (int y = 0; y < k; y++) {
                            r += re[y][u] * cos[v][y] + im[y][u] * sin[v][y];
                            i += im[y][u] * cos[v][y] - re[y][u] * sin[v][y];
                        }
                        double e = r * r + i * i;
                        energy += e;
                        if (low[v][u]) {
                            lowEnergy += e;
                        }
                    }
                }
            }
            if (energy > 0 && Double.isFinite(energy)) {
                sum += lowEnergy / energy;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** What independent random weights score on average: the share of a k x k kernel's frequencies that are low. */
    public static double noiseLevel(int k) {
        boolean[][] low = lowBand(k);
        int n = 0;
        for (boolean[] row : low) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n / (double) (k * k);
    }

    private static boolean[][] lowBand(int k) {
        boolean[][] low = new boolean[k][k];
        for (int v = 0; v < k; v++) {
            double fv = Math.min(v, k - v) / (double) k;
            for (int u = 0; u < k; u++) {
                double fu = Math.min(u, k - u) / (double) k;
                low[v][u] = Math.hypot(fu, fv) <= LOW + 1e-12;
            }
        }
        return low;
    }
}
