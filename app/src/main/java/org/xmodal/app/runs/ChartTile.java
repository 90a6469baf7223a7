package org.xmodal.app.runs;

import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.xmodal.app.fx.DrawOnceChartViewer;
import org.xmodal.viz.CurveChart;

/** A titled chart of curves that redraws when its curves change (one redraw per change). */
final class ChartTile extends VBox {
    private final CurveChart chart;
    private final ChartViewer viewer;

    ChartTile(String id, String title, String yLabel, ObservableValue<List<CurveChart.Curve>> curves) {
        setId(id);
        getStyleClass().add("chart-tile");
        chart = new CurveChart("step", yLabel);
        viewer = new DrawOnceChartViewer(chart.chart());
        viewer.setId(id + "-viewer");
        viewer.setMinSize(120, 90);
        viewer.setPrefSize(360, 200);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        Label caption = new Label(title);
        caption.getStyleClass().add("tile-title");
        getChildren().addAll(caption, viewer);
        setMinSize(0, 0);
        chart.setCurves(curves.getValue());
        curves.addListener((obs, o, n) -> chart.setCurves(n));
    }

    CurveChart chart() {
        return chart;
    }

    void logScale(ObservableValue<Boolean> log) {
        chart.setLogScale(log.getValue());
        log.addListener((obs, o, n) -> chart.setLogScale(n));
    }
}
