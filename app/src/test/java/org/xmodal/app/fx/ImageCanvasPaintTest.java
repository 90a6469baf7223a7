package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A canvas is painted once for all the changes of a pulse: the renderer draws every command a canvas was given since
 * the last frame, so each paint of a change was a picture drawn again in the same frame.
 */
@ExtendWith(ApplicationExtension.class)
class ImageCanvasPaintTest {
    private StackPane root;

    @Start
    void start(Stage stage) {
        root = new StackPane();
        stage.setScene(new Scene(root, 600, 200));
        stage.show();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private static WritableImage picture(int w, int h, Color c) {
        WritableImage img = new WritableImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getPixelWriter().setColor(x, y, c);
            }
        }
        return img;
    }

    /** Waits for the window's next pulses to have laid out and painted what is waiting. */
    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(100);
        }
    }

    @Test
    void theChangesOfOnePulseArePaintedOnce() throws Exception {
        ImageCanvas canvas = onFx(() -> {
            ImageCanvas c = new ImageCanvas();
            root.getChildren().setAll(c);
            return c;
        });
        settle();
        int before = onFx(canvas::paints);
        onFx(() -> {
            canvas.imageProperty().set(picture(64, 48, Color.RED)); // a new size: fitted again
            canvas.secondImageProperty().set(picture(64, 48, Color.BLUE));
            canvas.splitProperty().set(0.25);
            canvas.marks().add(new Mark.Rect(2, 2, 20, 20, "a box", 0xFFFF00));
            canvas.marks().add(new Mark.Line(0, 0, 30, 30, "a line", 0x00FF00, true));
            canvas.surroundProperty().set(Color.BLACK);
            return null;
        });
        settle();
        assertEquals(before + 1, (int) onFx(canvas::paints), "six changes in one pulse, one paint");
        // and what it painted is the last of them: red left of the line, blue right of it
        WritableImage shot = onFx(() -> canvas.snapshot(null, null));
        javafx.geometry.Point2D left = onFx(() -> canvas.screenPoint(8, 40));
        javafx.geometry.Point2D right = onFx(() -> canvas.screenPoint(56, 40));
        assertEquals(Color.RED, shot.getPixelReader().getColor((int) left.getX(), (int) left.getY()));
        assertEquals(Color.BLUE, shot.getPixelReader().getColor((int) right.getX(), (int) right.getY()));
    }

    @Test
    void canvasesSharingAViewArePaintedAtMostTwiceAsTheyFirstShow() throws Exception {
        List<ImageCanvas> canvases = onFx(() -> {
            List<ImageCanvas> cs = List.of(new ImageCanvas(), new ImageCanvas(), new ImageCanvas(),
                    new ImageCanvas(), new ImageCanvas());
            ImageCanvas.shareViewport(cs.toArray(ImageCanvas[]::new));
            for (ImageCanvas c : cs) {
                c.imageProperty().set(picture(64, 48, Color.GRAY));
                c.marks().add(new Mark.Rect(2, 2, 20, 20, "a box", 0xFFFF00));
            }
            root.getChildren().setAll(new HBox(cs.toArray(ImageCanvas[]::new)));
            return cs;
        });
        settle();
        for (ImageCanvas c : canvases) {
            int paints = onFx(c::paints);
            assertTrue(paints >= 1 && paints <= 2, "painted " + paints + " times as five canvases showed");
        }
        // all of them with the view the last layout fitted: the picture's centre at each canvas's centre
        for (ImageCanvas c : canvases) {
            javafx.geometry.Point2D centre = onFx(() -> c.screenPoint(32, 24));
            assertEquals(onFx(c::getWidth) / 2, centre.getX(), 0.5);
        }
    }
}
