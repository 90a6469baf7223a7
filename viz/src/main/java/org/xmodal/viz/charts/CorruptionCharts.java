package org.xmodal.viz.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.experiment.RobustArm;

/**
 * The robust-distillation experiment's chart: accuracy on the clean test pairs against the fraction of train pairs
 * whose teacher view is corrupted, one line per objective, mean over seeds with ± one standard deviation as error
 * bars (percent).
 */
public final class CorruptionCharts {
    private CorruptionCharts() {
    }

    /** Whether the summary's arms are {@code <objective>@<level>} (a robust experiment's). */
    public static boolean applies(ExperimentSummary summary) {
        return !RobustArm.curves(summary).isEmpty();
    }

    public static JFreeChart accuracyAgainstCorruption(ExperimentSummary summary) {
        Map<String, List<RobustArm.Point>> curves = RobustArm.curves(summary);
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        curves.forEach((arm, points) -> {
            YIntervalSeries s = new YIntervalSeries(arm);
            points.forEach(p -> s.add(100 * p.level(), 100 * p.mean(), 100 * (p.mean() - p.std()),
                    100 * (p.mean() + p.std())));
            data.addSeries(s);
        });
        NumberAxis x = new NumberAxis("train pairs with a corrupted teacher view (%)");
        NumberAxis y = new NumberAxis(summary.metric() + " on clean test pairs (%)");
        y.setAutoRangeIncludesZero(false);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorStroke(new BasicStroke(1f));
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color c = Palette.colour(i);
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesStroke(i, new BasicStroke(i == data.getSeriesCount() - 1 ? 2.5f : 1.5f));
        }
        renderer.setErrorPaint(null); // each bar in its series' colour
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = new JFreeChart(summary.metric() + " against corruption (mean ± std over seeds)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
