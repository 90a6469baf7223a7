package org.xmodal.viz.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.xmodal.engine.experiment.ExperimentSummary;

/**
 * Bar charts of an experiment's main metric (mAP for Table 1, accuracy for SOCKET): per arm, and per class for every
 * arm, with ± one standard deviation. Labels follow the summary's metric (a class's mAP is its AP).
 */
public final class ApCharts {
    private ApCharts() {
    }

    /** One bar per arm: mean mAP over seeds, in percent, with the standard deviation as an error bar. */
    public static JFreeChart mapPerArm(ExperimentSummary summary) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        String m = summary.metric();
        summary.arms().forEach((arm, a) -> data.add(100 * a.score().mean(), 100 * a.score().std(), m, arm));
        JFreeChart chart = chart(m + " per arm (mean ± std over seeds)", "arm", data, false, summary);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRenderer().setSeriesPaint(0, Palette.colour(0));
        return chart;
    }

    /**
     * One bar per arm: a class's mean AP over seeds in percent, ± std; arms without an AP for the class (no ground
     * truth) have no bar.
     */
    public static JFreeChart classPerArm(ExperimentSummary summary, String className) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        summary.arms().forEach((arm, a) -> {
            ExperimentSummary.Stats s = a.perClass().get(className);
            if (s != null) {
                data.add(100 * s.mean(), 100 * s.std(), classMetric(summary), arm);
            }
        });
        JFreeChart chart = chart(classMetric(summary) + " of " + className + " per arm (mean ± std over seeds)", "arm",
                data, false, summary);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, Palette.colour(2));
        return chart;
    }

    /** Groups of bars: per class, one bar per arm (mean AP over seeds in percent, ± std). */
    public static JFreeChart apPerClass(ExperimentSummary summary, List<String> classes) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Map.Entry<String, ExperimentSummary.Arm> e : summary.arms().entrySet()) {
            for (String c : classes) {
                ExperimentSummary.Stats s = e.getValue().perClass().get(c);
                if (s != null) {
                    data.add(100 * s.mean(), 100 * s.std(), e.getKey(), c);
                }
            }
        }
        JFreeChart chart = chart(classMetric(summary) + " per class and arm (mean ± std over seeds)", "class", data,
                true, summary);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        for (int i = 0; i < summary.arms().size(); i++) {
            plot.getRenderer().setSeriesPaint(i, Palette.colour(i));
        }
        return chart;
    }

    /** What a class's value of the main metric is called: AP for mAP, else the metric's name. */
    public static String classMetric(ExperimentSummary summary) {
        return ExperimentSummary.MAP.equals(summary.metric()) ? "AP" : summary.metric();
    }

    private static JFreeChart chart(String title, String domain, DefaultStatisticalCategoryDataset data,
                                    boolean legend, ExperimentSummary summary) {
        CategoryAxis x = new CategoryAxis(domain);
        NumberAxis y = new NumberAxis(classMetric(summary) + " (%)");
        y.setRange(0, Math.max(10, Math.min(100, Math.ceil(maxUpper(data) / 10) * 10)));
        StatisticalBarRenderer bars = new StatisticalBarRenderer();
        bars.setErrorIndicatorPaint(Color.DARK_GRAY);
        bars.setErrorIndicatorStroke(new BasicStroke(1f));
        bars.setDrawBarOutline(false);
        bars.setShadowVisible(false);
        bars.setItemMargin(0.02);
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static double maxUpper(DefaultStatisticalCategoryDataset data) {
        double max = 0;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number m = data.getMeanValue(r, c);
                Number s = data.getStdDevValue(r, c);
                if (m != null) {
                    max = Math.max(max, m.doubleValue() + (s == null ? 0 : s.doubleValue()));
                }
            }
        }
        return max;
    }
}
