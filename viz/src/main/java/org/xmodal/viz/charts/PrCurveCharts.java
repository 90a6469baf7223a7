package org.xmodal.viz.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.xmodal.engine.eval.PrCurve;

/** Precision-recall curves of one class, one line per arm, as the ranked detections trace them. */
public final class PrCurveCharts {
    private PrCurveCharts() {
    }

    /**
     * @param curves by arm name, the class's curve (arms without detections of the class have an empty curve)
     */
    public static JFreeChart forClass(String className, Map<String, PrCurve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, PrCurve> e : curves.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            double[] r = e.getValue().recall();
            double[] p = e.getValue().precision();
            for (int i = 0; i < r.length; i++) {
                s.add(r[i], p[i]);
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("recall");
        x.setRange(0, 1);
        NumberAxis y = new NumberAxis("precision");
        y.setRange(0, 1.02);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            lines.setSeriesPaint(i, Palette.colour(i));
            lines.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        XYPlot plot = new XYPlot(data, x, y, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = new JFreeChart(className, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
