package org.xmodal.engine.image;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Middlebury {@code .flo} files: the float 202021.25 ("PIEH" in ASCII) as a tag, width and height as 32-bit
 * integers, then interleaved (u, v) float pairs row by row, all little-endian.
 */
public final class FloFile {
    public static final float TAG = 202021.25f;
    private static final int MAX_SIDE = 1 << 16;

    private FloFile() {
    }

    public static FlowField read(Path file) throws BadInputException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(checkedExists(file)))) {
            int[] size = header(file, in);
            int w = size[0];
            int h = size[1];
            ByteBuffer body = ByteBuffer.allocate(8 * w * h).order(ByteOrder.LITTLE_ENDIAN);
            new DataInputStream(in).readFully(body.array());
            float[] u = new float[w * h];
            float[] v = new float[w * h];
            for (int i = 0; i < w * h; i++) {
                u[i] = body.getFloat();
                v[i] = body.getFloat();
            }
            return new FlowField(w, h, u, v);
        } catch (BadInputException e) {
            throw e;
        } catch (EOFException e) {
            throw new BadInputException(file.toString(), "is truncated", e);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What is wrong with ground truth holding NaN vectors, or empty. Middlebury marks unknown flow
     * with values above 1e9, never NaN, so a NaN is a bug in whatever wrote the file, and it would poison any
     * end-point error computed against it.
     */
    public static Optional<String> nanProblem(FlowField flow) {
        int bad = 0;
        for (int i = 0; i < flow.width() * flow.height(); i++) {
            if (Float.isNaN(flow.u()[i]) || Float.isNaN(flow.v()[i])) {
                bad++;
            }
        }
        return bad == 0 ? Optional.empty() : Optional.of("has " + bad + " NaN flow vector(s) "
                + "(unknown flow is written as values above 1e9)");
    }

    /** Width and height from the header alone, after checking the tag and that the file holds that many vectors. */
    public static int[] size(Path file) throws BadInputException {
        try (InputStream in = Files.newInputStream(checkedExists(file))) {
            return header(file, in);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static Path checkedExists(Path file) throws BadInputException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "does not exist");
        }
        return file;
    }

    /** Reads and checks the 12-byte header: the tag, a possible size, and a file long enough for it. */
    private static int[] header(Path file, InputStream in) throws IOException {
        ByteBuffer head = ByteBuffer.wrap(in.readNBytes(12)).order(ByteOrder.LITTLE_ENDIAN);
        if (head.remaining() < 12) {
            throw new BadInputException(file, "is truncated: a .flo header alone is 12 bytes");
        }
        float tag = head.getFloat();
        if (tag != TAG) {
            throw new BadInputException(file, "is not a Middlebury .flo file (wrong tag " + tag + ")");
        }
        int w = head.getInt();
        int h = head.getInt();
        if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE) {
            throw new BadInputException(file, "has an impossible size " + w + "x" + h);
        }
        long expected = 12L + 8L * w * h;
        if (Files.size(file) < expected) {
            throw new BadInputException(file, "is truncated: " + Files.size(file) + " bytes, expected " + expected
                    + " for " + w + "x" + h);
        }
        return new int[] {w, h};
    }

    public static void write(FlowField flow, Path file) throws IOException {
        int n = flow.width() * flow.height();
        ByteBuffer buf = ByteBuffer.allocate(12 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.putFloat(TAG).putInt(flow.width()).putInt(flow.height());
        for (int i = 0; i < n; i++) {
            buf.putFloat(flow.u()[i]).putFloat(flow.v()[i]);
        }
        OutputFiles.replace(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                out.write(buf.array());
            }
        });
    }
}
