package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A run page shows its loss chart at once and its four side charts a pulse each (five chart viewers made in one
 * pulse were most of the Runs view's first visit), ending with all four in their order.
 */
@ExtendWith(ApplicationExtension.class)
class RunPageViewTest {
    private StackPane root;

    @Start
    void start(Stage stage) {
        root = new StackPane();
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
    }

    private static List<String> sideCharts(RunPageView page) {
        return sideOf(page).getChildren().stream().map(Node::getId).toList();
    }

    private static VBox sideOf(RunPageView page) {
        javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) page.getCenter();
        return (VBox) grid.getChildren().stream().filter(n -> Integer.valueOf(1).equals(javafx.scene.layout.GridPane.getColumnIndex(n))).findFirst().orElseThrow();
    }

    @Test
    void theSideChartsComeAPulseEachAfterTheLossChart() throws Exception {
        Object[] atOnce = WaitForAsyncUtils.asyncFx(() -> {
            RunPageView page = new RunPageView(new RunPageViewModel());
            root.getChildren().add(page);
            return new Object[] {page, page.lookup("#loss-chart") != null, sideCharts(page)};
        }).get(10, TimeUnit.SECONDS);
        RunPageView page = (RunPageView) atOnce[0];
        assertEquals(true, atOnce[1], "the loss chart at once");
        assertEquals(List.of(), atOnce[2], "no side chart in the first pulse");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> side = List.of();
        while (side.size() < 4 && System.nanoTime() < until) {
            Thread.sleep(20);
            side = WaitForAsyncUtils.asyncFx(() -> sideCharts(page)).get();
        }
        assertEquals(List.of("terms-chart", "lr-chart", "speed-chart", "metrics-chart"), side);
    }
}
