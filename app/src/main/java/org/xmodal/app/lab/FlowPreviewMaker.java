package org.xmodal.app.lab;

import java.util.Locale;
import java.util.Optional;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.flow.EndPointError;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.viz.FlowLegend;

/** Estimates flow for a frame pair with a parameter set and makes its pictures, off the UI thread. */
public final class FlowPreviewMaker {
    private static final int WHEEL_DIAMETER = 90;
    static final int LEGEND_WIDTH = 300;

    /** Drawn once, by the first preview's worker (Java2D text: its first use loads fonts, never on the UI thread). */
    private static final class TubesLegend {
        static final RgbImage IMAGE = FlowLegend.actionTubes(LEGEND_WIDTH);
    }

    private FlowPreviewMaker() {
    }

    public static FlowPreview make(PairedDataset ds, Pair pair, FlowConfig config, Cancellation cancel)
            throws BadInputException {
        RgbImage a = ds.rgb(pair);
        RgbImage b = ds.next(pair);
        Optional<FlowField> truth = ds.groundTruthFlow(pair);
        cancel.check();
        long start = System.nanoTime();
        FlowField estimate = new FlowEstimator(config).estimate(a, b);
        double ms = (System.nanoTime() - start) / 1e6;
        double rim = Math.max(0.5, truth.map(FlowImages::largestMagnitude)
                .orElse(FlowImages.largestMagnitude(estimate)));
        double epe = truth.map(t -> EndPointError.average(estimate, t)).orElse(Double.NaN);
        String summary = String.format(Locale.ROOT, "%s \u00b7 %s \u00b7 %.0f ms", config.method().id(),
                truth.isPresent() ? String.format(Locale.ROOT, "end-point error %.3f px against ground truth", epe)
                        : "no ground truth to compare with", ms);
        return new FlowPreview(a, b, estimate, FlowImages.colourWheel(estimate, rim),
                truth.map(t -> FlowImages.colourWheel(t, rim)).orElse(null),
                FlowImages.actionTubes(estimate, FlowImages.ACTION_TUBES_SCALE), FlowLegend.wheel(WHEEL_DIAMETER, rim),
                TubesLegend.IMAGE, epe, summary);
    }
}
