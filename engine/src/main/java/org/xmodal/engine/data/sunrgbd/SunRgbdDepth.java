package org.xmodal.engine.data.sunrgbd;

import java.nio.file.Path;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;

/**
 * SUN RGB-D's depth PNGs: 16-bit millimetres stored rotated by 3 bits (the toolbox's {@code read3dPoints}: value
 * {@code v} holds {@code d = (v >> 3) | (v << 13)} in 16 bits), clamped at 8 m as the toolbox does. 0 is no
 * measurement.
 */
public final class SunRgbdDepth {
    /** The toolbox's cap on depth, in metres. */
    public static final float MAX_METRES = 8;

    private SunRgbdDepth() {
    }

    /** The millimetres a stored 16-bit value stands for. */
    public static int millimetres(int stored) {
        int v = stored & 0xFFFF;
        return ((v >>> 3) | (v << 13)) & 0xFFFF;
    }

    /** The stored 16-bit value of {@code mm} millimetres (the inverse of {@link #millimetres}). */
    public static int stored(int mm) {
        int d = mm & 0xFFFF;
        return ((d << 3) | (d >>> 13)) & 0xFFFF;
    }

    public static DepthMap read(Path file) throws BadInputException {
        int[] size = ImageFiles.size(file);
        int[] v = ImageFiles.readUShort(file, size[0], size[1]);
        float[] m = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            m[i] = Math.min(MAX_METRES, millimetres(v[i]) / 1000f);
        }
        return new DepthMap(size[0], size[1], m);
    }
}
