package org.xmodal.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reading and writing the image files of paired datasets: 8-bit RGB (PNG, JPEG) and 16-bit single-channel
 * depth PNGs. Every failure names the file. Writes go to a temporary file that is renamed into place, so a
 * crash never leaves a half-written image behind.
 */
public final class ImageFiles {
    static {
        ImageIO.setUseCache(false);
    }

    private ImageFiles() {
    }

    /** Reads any 8-bit colour or grey image as RGB. */
    public static RgbImage readRgb(Path file) throws BadInputException {
        BufferedImage img = read(file);
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        int bits = img.getColorModel().getComponentSize(0);
        if (bits > 8) {
            throw new BadInputException(file, "is a " + bits + "-bit image; an 8-bit colour image was expected");
        }
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) r.getDataBuffer()).getData();
            for (int i = 0; i < w * h; i++) {
                out[3 * i] = bgr[3 * i + 2];
                out[3 * i + 1] = bgr[3 * i + 1];
                out[3 * i + 2] = bgr[3 * i];
            }
        } else if (bands == 1 && img.getColorModel().getPixelSize() == 8 && img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] g = ((DataBufferByte) r.getDataBuffer()).getData();
            for (int i = 0; i < w * h; i++) {
                out[3 * i] = g[i];
                out[3 * i + 1] = g[i];
                out[3 * i + 2] = g[i];
            }
        } else {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < w * h; i++) {
                out[3 * i] = (byte) (argb[i] >> 16);
                out[3 * i + 1] = (byte) (argb[i] >> 8);
                out[3 * i + 2] = (byte) argb[i];
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * Reads a single-channel 16-bit PNG of depth and converts it to metres.
     *
     * @param unitsPerMetre how many stored units make a metre (1000 for millimetres, 10000 for NYU's filled PNGs)
     * @throws BadInputException for an 8-bit image (depth would be quantised to 256 levels, almost always a
     *                           visualisation saved by mistake), a colour image, or an unreadable file
     */
    public static DepthMap readDepth16(Path file, double unitsPerMetre) throws BadInputException {
        if (!(unitsPerMetre > 0) || !Double.isFinite(unitsPerMetre)) {
            throw new IllegalArgumentException("depth units per metre must be positive, got " + unitsPerMetre);
        }
        BufferedImage img = read(file);
        Raster r = img.getRaster();
        int bits = img.getColorModel().getComponentSize(0);
        if (r.getNumBands() != 1) {
            throw new BadInputException(file, "has " + r.getNumBands()
                    + " channels; depth must be a single-channel 16-bit PNG (a colour-mapped depth picture cannot be read back)");
        }
        if (bits != 16 || r.getDataBuffer().getDataType() != DataBuffer.TYPE_USHORT) {
            throw new BadInputException(file, "is " + bits + "-bit; depth must be stored as 16-bit integers (an 8-bit file "
                    + "only has 256 depth levels and is usually a preview saved by mistake)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] raw = r.getPixels(0, 0, w, h, (int[]) null);
        float[] metres = new float[w * h];
        float scale = (float) (1.0 / unitsPerMetre);
        for (int i = 0; i < raw.length; i++) {
            metres[i] = raw[i] * scale;
        }
        return new DepthMap(w, h, metres);
    }

    public static void writeRgb(RgbImage image, Path file) throws IOException {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0; i < image.width() * image.height(); i++) {
            bgr[3 * i] = rgb[3 * i + 2];
            bgr[3 * i + 1] = rgb[3 * i + 1];
            bgr[3 * i + 2] = rgb[3 * i];
        }
        writePng(img, file);
    }

    /** Writes depth as a 16-bit PNG, rounding to the nearest unit; missing values (0, NaN) are written as 0. */
    public static void writeDepth16(DepthMap depth, double unitsPerMetre, Path file) throws IOException {
        BufferedImage img = new BufferedImage(depth.width(), depth.height(), BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        float[] m = depth.metres();
        for (int i = 0; i < m.length; i++) {
            double units = Float.isFinite(m[i]) && m[i] > 0 ? Math.rint(m[i] * unitsPerMetre) : 0;
            data[i] = (short) Math.max(0, Math.min(65535, units));
        }
        writePng(img, file);
    }

    /** Writes 16-bit unsigned values (labels, instance ids) as a grey PNG. */
    public static void writeUShort16(int width, int height, int[] values, Path file) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        r.setPixels(0, 0, width, height, values);
        writePng(img, file);
    }

    /** Reads a single-channel 8- or 16-bit PNG of integer values (labels, instance ids). */
    public static int[] readUShort(Path file, int expectedWidth, int expectedHeight) throws BadInputException {
        BufferedImage img = read(file);
        if (img.getRaster().getNumBands() != 1) {
            throw new BadInputException(file, "must be a single-channel image of integer ids");
        }
        if (img.getWidth() != expectedWidth || img.getHeight() != expectedHeight) {
            throw new BadInputException(file, "is " + img.getWidth() + "x" + img.getHeight() + ", expected "
                    + expectedWidth + "x" + expectedHeight);
        }
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    public static void writePng(BufferedImage img, Path file) throws IOException {
        OutputFiles.replace(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                if (!ImageIO.write(img, "png", out)) {
                    throw new IOException("no PNG writer for image type " + img.getType());
                }
            }
        });
    }

    /** Width and height of an image file without decoding its pixels. */
    public static int[] size(Path file) throws BadInputException {
        checkReadable(file);
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new BadInputException(file, "is not an image in a format we can read (PNG, JPEG, BMP)");
            }
            var reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file.toString(), "cannot be read as an image (" + e.getMessage() + ")", e);
        }
    }

    private static BufferedImage read(Path file) throws BadInputException {
        checkReadable(file);
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file.toString(), "is corrupt or truncated and cannot be decoded ("
                    + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new BadInputException(file, "is not an image in a format we can read (PNG, JPEG, BMP)");
        }
        return img;
    }

    private static void checkReadable(Path file) throws BadInputException {
        if (!Files.exists(file)) {
            throw new BadInputException(file, "does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException(file, "is not a readable file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
        // Checked outside the try: BadInputException is an IOException and would be wrapped a second time.
        if (size == 0) {
            throw new BadInputException(file, "is empty (0 bytes)");
        }
    }
}
