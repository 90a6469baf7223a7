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
import org.xmodal.engine.experiment.Table1Summary;

/** Bar charts of average precision: mAP per arm, and AP per class for every arm, with ± one standard deviation. */
public final class ApCharts {
    private ApCharts() {
    }

    /** One bar per arm: mean mAP over seeds, in percent, with the standard deviation as an error bar. */
    public static JFreeChart mapPerArm(Table1Summary summary) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        summary.arms().forEach((arm, a) -> data.add(100 * a.mAP().mean(), 100 * a.mAP().std(), "mAP", arm));
        JFreeChart chart = chart("mAP per arm (mean ± std over seeds)", "arm", data, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRenderer().setSeriesPaint(0, Palette.colour(0));
        return chart;
    }

    /**
     * One bar per arm: a class's mean AP over seeds in percent, ± std; arms without an AP for the class (no ground
     * truth) have no bar.
     */
    public static JFreeChart classPerArm(Table1Summary summary, String className) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        summary.arms().forEach((arm, a) -> {
            Table1Summary.Stats s = a.perClass().get(className);
            if (s != null) {
                data.add(100 * s.mean(), 100 * s.std(), "AP", arm);
            }
        });
        JFreeChart chart = chart("AP of " + className + " per arm (mean ± std over seeds)", "arm", data, false);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, Palette.colour(2));
        return chart;
    }

    /** Groups of bars: per class, one bar per arm (mean AP over seeds in percent, ± std). */
    public static JFreeChart apPerClass(Table1Summary summary, List<String> classes) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Map.Entry<String, Table1Summary.Arm> e : summary.arms().entrySet()) {
            for (String c : classes) {
                Table1Summary.Stats s = e.getValue().perClass().get(c);
                if (s != null) {
                    data.add(100 * s.mean(), 100 * s.std(), e.getKey(), c);
                }
            }
        }
        JFreeChart chart = chart("AP per class and arm (mean ± std over seeds)", "class", data, true);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        for (int i = 0; i < summary.arms().size(); i++) {
            plot.getRenderer().setSeriesPaint(i, Palette.colour(i));
        }
        return chart;
    }

    private static JFreeChart chart(String title, String domain, DefaultStatisticalCategoryDataset data,
                                    boolean legend) {
        CategoryAxis x = new CategoryAxis(domain);
        NumberAxis y = new NumberAxis("AP (%)");
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
