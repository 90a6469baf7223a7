package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.RgbImage;

class CurveChartTest {
    private static CurveChart.Curve loss(double... y) {
        double[] x = new double[y.length];
        Arrays.setAll(x, i -> i + 1);
        return new CurveChart.Curve("train loss", x, y, CurveChart.Style.LINE, CurveChart.BLUE);
    }

    @Test
    void aChartWithCurvesDrawsThemAndLaterCurvesReplaceEarlierOnes() {
        CurveChart chart = new CurveChart("step", "loss");
        RgbImage empty = chart.render(320, 200);
        chart.setCurves(List.of(loss(4, 3, 2, 1.5, 1.2)));
        assertEquals(5, chart.plottedPoints());
        RgbImage drawn = chart.render(320, 200);
        assertFalse(Arrays.equals(empty.rgb(), drawn.rgb()), "the curve is drawn");
        chart.setCurves(List.of(loss(4, 3)));
        assertEquals(2, chart.plottedPoints());
    }

    @Test
    void aLogAxisLeavesOutWhatItCannotShowAndALinearOneBringsItBack() {
        CurveChart chart = new CurveChart("step", "loss");
        chart.setCurves(List.of(loss(2, 0, -1, 0.5, Double.NaN)));
        assertEquals(4, chart.plottedPoints(), "NaN is never plotted");
        chart.setLogScale(true);
        assertEquals(2, chart.plottedPoints());
        assertTrue(chart.chart().getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis);
        chart.render(200, 120);
        chart.setLogScale(false);
        assertEquals(4, chart.plottedPoints());
    }

    @Test
    void aConstantCurveGetsAnAxisAroundItsValue() {
        CurveChart chart = new CurveChart("step", "learning rate");
        chart.setCurves(List.of(loss(1e-4, 1e-4, 1e-4)));
        var axis = chart.chart().getXYPlot().getRangeAxis();
        chart.render(200, 120);
        assertTrue(axis.getRange().getLength() >= 0.5e-4, "range " + axis.getRange());
        assertTrue(axis.getRange().contains(1e-4));
    }

    @Test
    void aCurveNeedsAsManyXAsYValues() {
        assertThrows(IllegalArgumentException.class, () -> new CurveChart.Curve("c", new double[2], new double[3],
                CurveChart.Style.LINE, 0));
    }
}
