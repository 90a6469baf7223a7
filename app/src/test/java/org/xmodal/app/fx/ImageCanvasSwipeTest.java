package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
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
 * The swipe: left of the line the first picture, right of it the second, each pixel where the other's would be,
 * whatever the second's size (the lesson's and the Data view's depth beside colour).
 */
@ExtendWith(ApplicationExtension.class)
class ImageCanvasSwipeTest {
    private ImageCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new ImageCanvas();
        canvas.surroundProperty().set(Color.BLACK);
        stage.setScene(new Scene(new StackPane(canvas), 100, 100));
        stage.show();
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
