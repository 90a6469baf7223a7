package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How a picture is drawn. One shown smaller than its size keeps its thin strokes (Figure 2's captions lost every other
 * pixel column, so "RGB teacher" read "RCD teacher"), while one shown larger keeps its pixels square. The swipe: left
 * of the line the first picture, right of it the second, each pixel where the other's would be, whatever the second's
 * size (the lesson's and the Data view's depth beside colour).
 */
@ExtendWith(ApplicationExtension.class)
class ImageCanvasDrawingTest {
    private ImageCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new ImageCanvas();
        canvas.surroundProperty().set(Color.WHITE);
        stage.setScene(new Scene(new StackPane(canvas), 100, 100));
        stage.show();
    }

    /** White, with one-pixel black vertical lines at every odd column: what nearest-neighbour halving drops. */
    private static WritableImage oddLines(int w, int h) {
        WritableImage img = new WritableImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getPixelWriter().setColor(x, y, x % 4 == 1 ? Color.BLACK : Color.WHITE);
            }
        }
        return img;
    }

    private double darkest(int size) throws Exception {
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        PixelReader r = shot.getPixelReader();
        double darkest = 1;
        int cx = (int) shot.getWidth() / 2;
        int cy = (int) shot.getHeight() / 2;
        for (int x = cx - size; x < cx + size; x++) {
            darkest = Math.min(darkest, r.getColor(x, cy).getBrightness());
        }
        return darkest;
    }

    @Test
    void aShrunkPictureKeepsItsThinLinesAndAnEnlargedOneItsSquarePixels() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            canvas.imageProperty().set(oddLines(400, 400)); // fitted into 100 x 100: a quarter of its size
            canvas.fit();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(darkest(20) < 0.9, "the lines still darken the shrunk picture: " + darkest(20));

        WaitForAsyncUtils.asyncFx(() -> {
            canvas.imageProperty().set(oddLines(10, 10)); // fitted: ten times its size
            canvas.fit();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        // an enlarged pixel is a square of one colour: no grey blend between a line and its neighbours
        int greys = 0;
        for (int x = 0; x < (int) shot.getWidth(); x++) {
            double b = shot.getPixelReader().getColor(x, (int) shot.getHeight() / 2).getBrightness();
            if (b > 0.15 && b < 0.85) {
                greys++;
            }
        }
        assertTrue(greys <= 2, greys + " blended columns in an enlarged picture");
    }

    /** {@code w x h}, its left half {@code left}, its right half {@code right}. */
    private static WritableImage halves(int w, int h, Color left, Color right) {
        WritableImage img = new WritableImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getPixelWriter().setColor(x, y, x < w / 2 ? left : right);
            }
        }
        return img;
    }

    /** The colour name of each tenth of the middle row, sampled in its middle. */
    private List<String> row() throws Exception {
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        List<String> seen = new ArrayList<>();
        int y = (int) shot.getHeight() / 2;
        for (int k = 0; k < 10; k++) {
            Color c = shot.getPixelReader().getColor((int) (shot.getWidth() * (k + 0.5) / 10), y);
            seen.add(c.getRed() > 0.8 && c.getGreen() < 0.2 ? "red" : c.getGreen() > 0.8 && c.getRed() < 0.2 ? "green"
                    : c.getBlue() > 0.8 && c.getRed() < 0.2 ? "blue" : c.getRed() > 0.8 && c.getGreen() > 0.8 ? "yellow"
                    : c.toString());
        }
        return seen;
    }

    @Test
    void rightOfTheLineTheSecondPictureLinedUpWithTheFirstWhateverItsSize() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            canvas.imageProperty().set(halves(40, 40, Color.RED, Color.YELLOW));
            // twice the first's size: its halves fall on the first's halves
            canvas.secondImageProperty().set(halves(80, 80, Color.LIME, Color.BLUE));
            canvas.splitProperty().set(0.3);
            canvas.fit();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("red", "red", "red", "green", "green", "blue", "blue", "blue", "blue", "blue"), row());

        WaitForAsyncUtils.asyncFx(() -> canvas.splitProperty().set(0.7)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("red", "red", "red", "red", "red", "yellow", "yellow", "blue", "blue", "blue"), row());

        WaitForAsyncUtils.asyncFx(() -> canvas.splitProperty().set(1)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("red", "red", "red", "red", "red", "yellow", "yellow", "yellow", "yellow", "yellow"),
                row(), "the line at the right edge: the first picture only");
    }
}
