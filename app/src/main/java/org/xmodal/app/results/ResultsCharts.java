package org.xmodal.app.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.xmodal.engine.eval.PrCurve;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.viz.charts.ApCharts;
import org.xmodal.viz.charts.CorruptionCharts;
import org.xmodal.viz.charts.PrCurveCharts;

/**
 * The Results view's charts as makers, each capturing only immutable data, so that one may be drawn on any thread
 * (shown, or saved at another size).
 */
final class ResultsCharts {
    private ResultsCharts() {
    }

    /** The main metric per arm, or the chosen class's value per arm ({@code className} not null). */
    static Supplier<JFreeChart> ap(Experiment e, String className) {
        return () -> {
            JFreeChart chart = className == null ? ApCharts.mapPerArm(e.summary())
                    : ApCharts.classPerArm(e.summary(), className);
            // slanted arm names: the chart is narrow beside the table
            chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            return chart;
        };
    }

    /** A robust experiment's accuracy against corruption, one line per objective. */
    static Supplier<JFreeChart> corruption(ExperimentSummary summary) {
        return () -> CorruptionCharts.accuracyAgainstCorruption(summary);
    }

    /** The chosen class's precision-recall curve of every arm at one seed. */
    static Supplier<JFreeChart> pr(Experiment e, String className, Integer seed) {
        Map<String, PrCurve> curves = curves(e, className, seed);
        String title = className + " \u00b7 seed " + seed;
        return () -> PrCurveCharts.forClass(title, curves);
    }

    /** Each arm's precision-recall curve of a class at a seed, from its runs' detection results; none without. */
    static Map<String, PrCurve> curves(Experiment e, String className, Integer seed) {
        Map<String, PrCurve> out = new LinkedHashMap<>();
        if (className == null || seed == null) {
            return out;
        }
        for (String arm : e.armNames()) {
            e.armSeed(arm, seed).flatMap(Experiment.ArmSeed::result)
                    .ifPresent(r -> out.put(arm, r.curves().getOrDefault(className, PrCurve.EMPTY)));
        }
        return out;
    }
}
