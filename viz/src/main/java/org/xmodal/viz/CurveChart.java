package org.xmodal.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.xmodal.engine.image.RgbImage;

/**
 * A line chart of training curves (loss, learning rate, throughput) against the step, built with JFreeChart and
 * drawn anywhere: in the workbench through a JavaFX chart viewer, or headlessly to a picture. Curves are replaced
 * as a whole, with one redraw, so a chart fed a few times a second by a running run costs one repaint each time;
 * the y axis switches between linear and logarithmic (non-positive values are left out of a log plot).
 */
public final class CurveChart {
    /** How a curve is drawn: a solid line, a light line (the raw values behind a smoothed one), or marked points. */
    public enum Style { LINE, FAINT, POINTS }

    /** One curve: its x (steps) and y values, in ascending x. */
    public record Curve(String label, double[] x, double[] y, Style style, int colour) {
        public Curve {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length) {
                throw new IllegalArgumentException("a curve needs as many x as y values, got " + x.length + " and "
                        + y.length);
            }
        }

        public int size() {
            return x.length;
        }
    }

    /** Colours that stay apart for colour-blind people (Okabe and Ito), by role. */
    public static final int BLUE = 0x0072b2;
    public static final int ORANGE = 0xe69f00;
    public static final int GREEN = 0x009e73;
    public static final int VERMILION = 0xd55e00;
    public static final int PURPLE = 0xcc79a7;

    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private static final double MIN_AUTO_RANGE = 1e-12;

    private final JFreeChart chart;
    private final XYPlot plot;
    private final String yLabel;
    private List<Curve> curves = List.of();
    private boolean logScale;

    public CurveChart(String xLabel, String yLabel) {
        this.yLabel = yLabel;
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        style(x);
        plot = new XYPlot(new XYSeriesCollection(), x, linearAxis(), new XYLineAndShapeRenderer(true, false));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(new Color(AwtImages.LEGEND_BACKGROUND));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setBackgroundPaint(new Color(AwtImages.LEGEND_BACKGROUND));
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setItemFont(LABEL_FONT);
    }

    /** The chart, for a viewer to draw. Change it only through this class, on the thread that draws it. */
    public JFreeChart chart() {
        return chart;
    }

    public List<Curve> curves() {
        return curves;
    }

    /** Replaces every curve, redrawing once. */
    public void setCurves(List<Curve> newCurves) {
        curves = List.copyOf(newCurves);
        rebuild();
    }

    public boolean isLogScale() {
        return logScale;
    }

    public void setLogScale(boolean log) {
        if (log == logScale) {
            return;
        }
        logScale = log;
        chart.setNotify(false);
        try {
            plot.setRangeAxis(log ? logAxis() : linearAxis());
            rebuild();
        } finally {
            chart.setNotify(true);
        }
    }

    /** The chart as a picture (for reports and tests). */
    public RgbImage render(int width, int height) {
        BufferedImage img = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        return AwtImages.fromBuffered(img);
    }

    /** How many points the chart currently plots, over all curves (after leaving out what a log axis cannot show). */
    public int plottedPoints() {
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
        int n = 0;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            n += data.getItemCount(i);
        }
        return n;
    }

    private void rebuild() {
        chart.setNotify(false);
        try {
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            List<String> used = new ArrayList<>();
            for (Curve c : curves) {
                String key = c.label();
                for (int k = 2; used.contains(key); k++) {
                    key = c.label() + " (" + k + ")";
                }
                used.add(key);
                XYSeries s = new XYSeries(key, false, true);
                for (int i = 0; i < c.size(); i++) {
                    double y = c.y()[i];
                    if (Double.isFinite(y) && Double.isFinite(c.x()[i]) && (!logScale || y > 0)) {
                        s.add(c.x()[i], y, false);
                    }
                }
                int index = data.getSeriesCount();
                data.addSeries(s);
                Color colour = new Color(c.colour());
                switch (c.style()) {
                    case LINE -> {
                        r.setSeriesPaint(index, colour);
                        r.setSeriesStroke(index, new BasicStroke(1.8f));
                    }
                    case FAINT -> {
                        r.setSeriesPaint(index, blend(colour, 0.3));
                        r.setSeriesStroke(index, new BasicStroke(1f));
                        r.setSeriesVisibleInLegend(index, true);
                    }
                    case POINTS -> {
                        r.setSeriesPaint(index, colour);
                        r.setSeriesStroke(index, new BasicStroke(1.2f));
                        r.setSeriesShapesVisible(index, true);
                        r.setSeriesShape(index, new Ellipse2D.Double(-3, -3, 6, 6));
                    }
                }
            }
            plot.setRenderer(r);
            plot.setDataset(data);
            if (plot.getRangeAxis() instanceof NumberAxis y) {
                // a constant (a learning rate without a schedule) gets a readable axis around it, not one of 1e-9
                double[] range = range(data);
                double spread = range[1] - range[0];
                double size = Math.abs(range[1]);
                y.setAutoRangeMinimumSize(spread <= 1e-9 * size && size > 0 ? size : MIN_AUTO_RANGE);
            }
        } finally {
            chart.setNotify(true);
        }
    }

    private static double[] range(XYSeriesCollection data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            for (int k = 0; k < data.getItemCount(i); k++) {
                double v = data.getYValue(i, k);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 0};
    }

    private NumberAxis linearAxis() {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        style(y);
        return y;
    }

    private LogAxis logAxis() {
        LogAxis y = new LogAxis(yLabel + " (log)");
        y.setSmallestValue(1e-12);
        y.setBase(10);
        y.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        style(y);
        return y;
    }

    private static void style(ValueAxis axis) {
        axis.setTickLabelFont(TICK_FONT);
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(new Color(0x3e4c59));
        axis.setTickLabelPaint(new Color(0x3e4c59));
    }

    /** The colour mixed with white: {@code amount} 1 keeps it, 0 gives white. */
    private static Color blend(Color c, double amount) {
        return new Color((int) Math.round(255 - (255 - c.getRed()) * amount),
                (int) Math.round(255 - (255 - c.getGreen()) * amount),
                (int) Math.round(255 - (255 - c.getBlue()) * amount));
    }
}
