package org.xmodal.app.fx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.xmodal.engine.image.ImageFiles;

/** Writes JavaFX snapshots as PNG files (the screenshots command's pictures, the lesson's screens for slides). */
public final class PngFiles {
    private PngFiles() {
    }

    /** Writes {@code img} to {@code file} as an opaque PNG, atomically. */
    public static void write(WritableImage img, Path file) throws IOException {
        ImageFiles.writePng(toBuffered(img), file);
    }

    private static BufferedImage toBuffered(WritableImage img) {
        int width = (int) img.getWidth();
        int height = (int) img.getHeight();
        BufferedImage b = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader r = img.getPixelReader();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            r.getPixels(0, y, width, 1, PixelFormat.getIntArgbInstance(), row, 0, width);
            b.setRGB(0, y, width, 1, row, 0, width);
        }
        return b;
    }
}
