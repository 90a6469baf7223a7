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
 * A lab's form arrives a row a pulse (its first visit froze the window while a whole section was styled)
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
    void theFormComesARowAPulseThenThePictures() throws Exception {
        GridPane camera = grid("camera", 5);
        GridPane depth = grid("depth", 1);
        List<String> cameraRows = texts(camera);
        VBox apply = new VBox(new Label("apply"));
        VBox form = new VBox(LabLayout.section("Camera", camera), LabLayout.section("Depth", depth), apply);
        Label pictures = new Label("pictures");
        Label footer = new Label("footer");
        Object[] atOnce = WaitForAsyncUtils.asyncFx(() -> {
            LabLayout.arrange(pane, "lab", form, () -> pictures, footer);
            return new Object[] {form.getChildren().size(), pane.getLeft(), pane.getBottom(), pane.getCenter()};
        }).get(10, TimeUnit.SECONDS);
        assertEquals(0, atOnce[0], "no section at once");
        assertEquals(null, atOnce[1], "no form at once");
        assertEquals(null, atOnce[2], "no footer at once");
        assertTrue(atOnce[3] instanceof Label l && l.getText().startsWith("Loading"), "a placeholder: " + atOnce[3]);
        // the next pulse styles the placeholder; the one after brings the form with the first section's first row
        int[] second = new int[3];
        WaitForAsyncUtils.asyncFx(() -> {
            javafx.animation.AnimationTimer watch = new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (pane.getLeft() != null) {
                        second[0] = form.getChildren().size();
                        second[1] = texts(camera).size();
                        second[2] = pane.getBottom() == null ? 0 : 1;
                        stop();
                    }
                }
            };
            watch.start();
        }).get(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (WaitForAsyncUtils.asyncFx(() -> pane.getLeft() == null).get() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, second[0], "the form comes with its first section");
        assertEquals(1, second[1], "and that section's first row");
        assertEquals(0, second[2], "the footer comes in a pulse of its own");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (WaitForAsyncUtils.asyncFx(() -> pane.getCenter() != pictures).get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(pictures, pane.getCenter(), "the pictures come last");
        assertSame(footer, pane.getBottom());
        assertEquals(cameraRows, WaitForAsyncUtils.asyncFx(() -> texts(camera)).get(), "every row, in its place");
        assertEquals(List.of("0:depth0"), WaitForAsyncUtils.asyncFx(() -> texts(depth)).get());
        assertEquals(3, form.getChildren().size());
        assertTrue(form.getChildren().get(2) == apply, "a section without a grid is added whole, in its place");
    }

    @Test
    void aGridOfPicturesFillsTwoTilesAPulseEachInItsCell() throws Exception {
        List<Label> tiles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tiles.add(new Label("tile" + i));
        }
        GridPane pictures = LabGrid.of(3, tiles.toArray(Node[]::new));
        VBox form = new VBox(LabLayout.section("Depth", grid("depth", 1)));
        WaitForAsyncUtils.asyncFx(() -> LabLayout.arrange(pane, "lab", form, () -> pictures, new Label("footer")))
                .get(10, TimeUnit.SECONDS);
        // the number of tiles at each pulse from the one the grid is shown in
        List<Integer> perPulse = new java.util.concurrent.CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                if (pane.getCenter() == pictures) {
                    perPulse.add(pictures.getChildren().size());
                    if (pictures.getChildren().size() == tiles.size()) {
                        stop();
                    }
                }
            }
        }.start()).get(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!perPulse.contains(tiles.size()) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(2, 4, 5), perPulse.stream().distinct().toList(), "two tiles a pulse: " + perPulse);
        for (int i = 1; i < perPulse.size(); i++) {
            assertTrue(perPulse.get(i) - perPulse.get(i - 1) <= 2, "never more than two in one pulse: " + perPulse);
        }
        assertEquals(tiles, pictures.getChildren(), "every tile, in order");
        for (int i = 0; i < tiles.size(); i++) {
            assertEquals(i % 3, GridPane.getColumnIndex(tiles.get(i)));
            assertEquals(i / 3, GridPane.getRowIndex(tiles.get(i)));
        }
    }
}
