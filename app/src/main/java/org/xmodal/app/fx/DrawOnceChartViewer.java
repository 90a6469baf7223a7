package org.xmodal.app.fx;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;

/**
 * jfreechart-fx's chart viewer, but a chart laid out at a new width and height is drawn once, not twice: the viewer
 * sets its canvas's width and then its height, and the canvas draws the whole chart (on the FX thread) for each
 * change, so every pulse of a window being resized drew each chart twice. (Drawing charts as they were laid out was
 * about 20 ms of the FX thread in the Runs view's first visit: async-profiler, bench fx.)
 */
public class DrawOnceChartViewer extends ChartViewer {
    public DrawOnceChartViewer(JFreeChart chart) {
        super(chart);
    }

    @Override
    protected void layoutChildren() {
        ChartCanvas canvas = getCanvas();
        if (canvas.getWidth() != getWidth() && canvas.getHeight() != getHeight()) {
            // a canvas of no width draws nothing: the height is set without a drawing, the width then draws once
            canvas.setWidth(0);
            canvas.setHeight(getHeight());
        }
        super.layoutChildren();
    }
}
