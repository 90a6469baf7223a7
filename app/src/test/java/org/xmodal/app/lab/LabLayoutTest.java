package org.xmodal.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.fx.Forms;

/**
 * A lab's form arrives a couple of rows a pulse (its first visit froze the window while a whole section was styled)
 * and ends whole, every row where the form put it, the pictures last.
 */
@ExtendWith(ApplicationExtension.class)
class LabLayoutTest {
    private BorderPane pane;

    @Start
    void start(Stage stage) {
        pane = new BorderPane();
        stage.setScene(new Scene(pane, 400, 300));
        stage.show();
    }

    private static GridPane grid(String prefix, int rows) {
        GridPane g = Forms.grid();
        for (int i = 0; i < rows; i++) {
            Forms.row(g, prefix + i, new TextField(prefix + i), null);
        }
        return g;
    }

    private static List<String> texts(GridPane g) {
        List<String> out = new ArrayList<>();
        for (Node n : g.getChildren()) {
            if (n instanceof TextField t) {
                out.add(GridPane.getRowIndex(n) + ":" + t.getText());
            }
        }
        return out;
    }

    @Test
    void theFormComesTwoRowsAPulseThenThePictures() throws Exception {
        GridPane camera = grid("camera", 5);
        GridPane depth = grid("depth", 1);
        List<String> cameraRows = texts(camera);
        VBox apply = new VBox(new Label("apply"));
        VBox form = new VBox(LabLayout.section("Camera", camera), LabLayout.section("Depth", depth), apply);
        Label pictures = new Label("pictures");
        Label footer = new Label("footer");
        int[] atOnce = WaitForAsyncUtils.asyncFx(() -> {
            LabLayout.arrange(pane, "lab", form, () -> pictures, footer);
            return new int[] {form.getChildren().size(), texts(camera).size(), texts(depth).size()};
        }).get(10, TimeUnit.SECONDS);
        assertEquals(1, atOnce[0], "only the first section at once");
        assertEquals(2, atOnce[1], "with its first two rows");
        assertEquals(0, atOnce[2]);
        assertSame(footer, pane.getBottom());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (WaitForAsyncUtils.asyncFx(() -> pane.getCenter() != pictures).get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(pictures, pane.getCenter(), "the pictures come last");
        assertEquals(cameraRows, WaitForAsyncUtils.asyncFx(() -> texts(camera)).get(), "every row, in its place");
        assertEquals(List.of("0:depth0"), WaitForAsyncUtils.asyncFx(() -> texts(depth)).get());
        assertEquals(3, form.getChildren().size());
        assertTrue(form.getChildren().get(2) == apply, "a section without a grid is added whole, in its place");
    }
}
