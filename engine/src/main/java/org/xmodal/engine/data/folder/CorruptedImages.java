package org.xmodal.engine.data.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.transfer.Resize;

/** The pixels of a corrupted pair's RGB image, kind by kind, for {@link DatasetCorruptor}. */
final class CorruptedImages {
    private CorruptedImages() {
    }

    /** Reads the clean images from the input, writes the spoiled one and says what was done. */
    static Corruption render(DatasetCorruptor.Planned p, Path out) throws IOException {
        RgbImage clean = ImageFiles.readRgb(p.pair().files().rgb());
        int w = clean.width();
        int h = clean.height();
        double[] r = p.params();
        RgbImage spoiled;
        String detail;
        switch (p.kind()) {
            case SHIFT -> {
                int dx = sign(r[2]) * Math.max(1, (int) Math.round(w * lerp(DatasetCorruptor.MIN_SHIFT, DatasetCorruptor.MAX_SHIFT, r[0])));
                int dy = sign(r[3]) * Math.max(1, (int) Math.round(h * lerp(DatasetCorruptor.MIN_SHIFT, DatasetCorruptor.MAX_SHIFT, r[1])));
                spoiled = shift(clean, dx, dy);
                detail = "shifted " + Math.abs(dx) + " px " + (dx > 0 ? "right" : "left") + " and " + Math.abs(dy)
                        + " px " + (dy > 0 ? "down" : "up");
            }
            case OCCLUSION -> {
                double area = lerp(DatasetCorruptor.MIN_OCCLUSION, DatasetCorruptor.MAX_OCCLUSION, r[0]);
                double wf = lerp(area, 1, r[1]);
                int bw = clamp((int) Math.round(wf * w), 1, w);
                int bh = clamp((int) Math.round(area / wf * h), 1, h);
                int x0 = (int) Math.floor(r[2] * (w - bw + 1));
                int y0 = (int) Math.floor(r[3] * (h - bh + 1));
                int colour = (int) Math.floor(r[4] * (1 << 24));
                spoiled = copy(clean);
                for (int y = y0; y < y0 + bh; y++) {
                    for (int x = x0; x < x0 + bw; x++) {
                        spoiled.set(x, y, colour >> 16 & 0xFF, colour >> 8 & 0xFF, colour & 0xFF);
                    }
                }
                detail = String.format(Locale.ROOT, "occluded: %.0f%% of the image under a flat box", 100.0 * bw * bh
                        / ((double) w * h));
            }
            case BLANK -> {
                spoiled = RgbImage.blank(w, h);
                java.util.Arrays.fill(spoiled.rgb(), (byte) DatasetCorruptor.GREY);
                detail = "blanked to grey";
            }
            case NEIGHBOUR, SWAP -> {
                RgbImage other = ImageFiles.readRgb(p.source().files().rgb());
                boolean resized = other.width() != w || other.height() != h;
                spoiled = resized ? Resize.rgb(other, w, h) : other;
                detail = p.sourceNote() + (resized ? " (resized from " + other.width() + "x" + other.height() + ")"
                        : "");
            }
            default -> throw new IllegalStateException("kind " + p.kind());
        }
        ImageFiles.writeRgb(spoiled, out.resolve(p.target()));
        return new Corruption(p.kind(), detail, p.source() == null ? null : p.source().id());
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static int sign(double r) {
        return r < 0.5 ? -1 : 1;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static RgbImage copy(RgbImage img) {
        return new RgbImage(img.width(), img.height(), img.rgb().clone());
    }

    /** The image moved by (dx, dy) pixels (right and down when positive), the edge pixels repeated into the gap. */
    static RgbImage shift(RgbImage img, int dx, int dy) {
        int w = img.width();
        int h = img.height();
        byte[] src = img.rgb();
        byte[] dst = new byte[src.length];
        for (int y = 0; y < h; y++) {
            int sy = clamp(y - dy, 0, h - 1);
            for (int x = 0; x < w; x++) {
                int sx = clamp(x - dx, 0, w - 1);
                System.arraycopy(src, (sy * w + sx) * 3, dst, (y * w + x) * 3, 3);
            }
        }
        return new RgbImage(w, h, dst);
    }
}
