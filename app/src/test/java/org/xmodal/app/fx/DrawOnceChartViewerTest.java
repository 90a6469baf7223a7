package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.Group;
import javafx.stage.Stage;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.event.ChartProgressEvent;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A chart laid out at a new width and height is drawn once (jfreechart-fx's own viewer draws it twice). */
@ExtendWith(ApplicationExtension.class)
class DrawOnceChartViewerTest {
    /** Keeps the sizes the test gives: a group that does not size its children. */
    private Group root;

    @Start
    void start(Stage stage) {
        root = new Group();
        root.setAutoSizeChildren(false);
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    /** Draws of a viewer's chart as it is laid out at 300 x 200, then at 250 x 150, then at 250 x 120. */
    private int[] drawsAsResized(boolean once) throws Exception {
        XYSeries s = new XYSeries("loss");
        for (int i = 0; i < 50; i++) {
            s.add(i, Math.exp(-i / 10.0));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("", "step", "loss", new XYSeriesCollection(s));
        AtomicInteger draws = new AtomicInteger();
        chart.addProgressListener(e -> {
            if (e.getType() == ChartProgressEvent.DRAWING_STARTED) {
                draws.incrementAndGet();
            }
        });
        ChartViewer viewer = once ? new DrawOnceChartViewer(chart) : new ChartViewer(chart);
        int[] out = new int[3];
        double[][] sizes = {{300, 200}, {250, 150}, {250, 120}};
        onFx(() -> {
            root.getChildren().setAll(viewer);
            for (int i = 0; i < sizes.length; i++) {
                int before = draws.get();
                viewer.resize(sizes[i][0], sizes[i][1]);
                viewer.layout();
                out[i] = draws.get() - before;
            }
            return null;
        });
        assertEquals(250, (double) onFx(() -> viewer.getCanvas().getWidth()), "the canvas ends as wide as the viewer");
        assertEquals(120, (double) onFx(() -> viewer.getCanvas().getHeight()));
        return out;
    }

    @Test
    void aNewWidthAndHeightDrawTheChartOnce() throws Exception {
        assertEquals(java.util.List.of(1, 1, 1), java.util.Arrays.stream(drawsAsResized(true)).boxed().toList());
        // what it saves: jfreechart-fx's viewer draws for the width and again for the height (not from no size at
        // all, where the first of them is a canvas of no height, nor when only the height changes)
        assertEquals(java.util.List.of(1, 2, 1), java.util.Arrays.stream(drawsAsResized(false)).boxed().toList());
    }
}
