package org.xmodal.engine.image;

import java.util.Objects;

/**
 * An 8-bit RGB image, interleaved {@code r,g,b} per pixel, row-major from the top-left.
 * Plain arrays so that encoders and tensor conversion can work without AWT.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + (width * height * 3) + " bytes for " + width + "x" + height
                    + " RGB, got " + rgb.length);
        }
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[width * height * 3]);
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) at (x, y), as 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    public void set(int x, int y, int r, int g, int b) {
        int i = (y * width + x) * 3;
        rgb[i] = (byte) r;
        rgb[i + 1] = (byte) g;
        rgb[i + 2] = (byte) b;
    }
}
