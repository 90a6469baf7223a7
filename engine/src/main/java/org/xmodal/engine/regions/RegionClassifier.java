package org.xmodal.engine.regions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.nn.FeatureNetwork;

/**
 * The fine-tuned network as a region classifier: the feature layers (some possibly frozen), then the classifier
 * layers, with a fixed scale on the features where freshly initialised layers begin.
 *
 * <p>Why the scale: inputs are 0..255 minus the means and the seeded initialisation preserves variance, so an
 * untrained network's pool5 (or a transfer student's, which keeps its initial scale) is of order 100, and fresh fc
 * layers on top give class scores of order 20. Adam moves every weight by about the learning rate per step
 * whatever the scale, so on such inputs one step changes the scores by several units: the fresh classifier
 * oscillates instead of learning. Scaling the features that enter the first fresh layer to unit root mean square
 * (measured once, on the first training batch, with the initial weights; so a resumed run finds the same value)
 * gives the fresh layers the well-conditioned inputs their initialisation assumes. A layer loaded from a trained
 * network is left as it was trained: the scale is 1 when the layers above the features all come from the
 * initial weights.
 */
public final class RegionClassifier {
    private final FeatureNetwork net;
    private final ParameterStore store;
    private final String featureTap;
    private final String frozenUpTo;
    private float scale = 1f;

    /**
     * @param featureTap the last feature layer; what lies above it is the classifier
     * @param frozenUpTo null, or the tap up to which no gradient flows (at or below {@code featureTap})
     */
    public RegionClassifier(FeatureNetwork net, ParameterStore store, String featureTap, String frozenUpTo) {
        if (frozenUpTo != null && net.taps().indexOf(frozenUpTo) > net.taps().indexOf(featureTap)) {
            throw new IllegalArgumentException("freezing up to " + frozenUpTo + " (above " + featureTap + ") is not "
                    + "supported");
        }
        this.net = net;
        this.store = store;
        this.featureTap = featureTap;
        this.frozenUpTo = frozenUpTo;
    }

    /** The features' tap: pool5 for the AlexNet and VGG families. */
    public static String featureTap(FeatureNetwork net) {
        List<String> taps = net.taps();
        return taps.contains("pool5") ? "pool5" : taps.get(Math.max(0, taps.size() - 2));
    }

    /**
     * Sets the feature scale: 1 / RMS of the features of {@code calibration} when the first layer above the
     * features was not loaded from trained weights, else 1.
     */
    public void calibrate(NDArray calibration, List<String> loaded) {
        String firstAbove = net.taps().get(net.taps().indexOf(featureTap) + 1);
        boolean fresh = net.namedParameters().keySet().stream().filter(n -> n.startsWith(firstAbove + "."))
                .noneMatch(loaded::contains);
        if (!fresh || net.normalisesByBatchUpTo(featureTap)) {
            // a BatchNorm network's features are normalised already; measured in inference mode with untrained
            // running statistics (mean 0, variance 1) they are not, and overflow: a scale of 0 or 1/infinity made
            // resnet18-bottleneck's first steps NaN about one run in four
            scale = 1f;
            return;
        }
        try (NDManager m = calibration.getManager().newSubManager()) {
            NDArray f = net.forward(store, calibration, featureTap, false);
            f.attach(m);
            double rms = Math.sqrt(f.square().mean().getFloat());
            scale = rms > 0 ? (float) (1 / rms) : 1f;
        }
    }

    public float scale() {
        return scale;
    }

    /** Class scores (pre-softmax) for a batch of regions. */
    public NDArray scores(NDArray x, boolean training) {
        NDArray features;
        if (frozenUpTo == null) {
            features = net.forward(store, x, featureTap, training);
        } else {
            NDArray frozen = net.forward(store, x, frozenUpTo, false).stopGradient();
            features = frozenUpTo.equals(featureTap) ? frozen
                    : net.forwardFrom(store, frozen, frozenUpTo, featureTap, training);
        }
        if (scale != 1f) {
            features = features.mul(scale);
        }
        return net.forwardFrom(store, features, featureTap, net.outputTap(), training);
    }

    /**
     * The network's parameters with the feature scale folded into the first layer above the features (its weight
     * times the scale), so the saved weights are a plain network that gives the same scores.
     */
    public Map<String, NDArray> foldedParameters(NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        String firstAbove = net.taps().get(net.taps().indexOf(featureTap) + 1);
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            if (scale != 1f && e.getKey().equals(firstAbove + ".weight")) {
                NDArray folded = a.mul(scale);
                folded.attach(manager);
                out.put(e.getKey(), folded);
            } else {
                out.put(e.getKey(), a);
            }
        }
        return out;
    }
}
