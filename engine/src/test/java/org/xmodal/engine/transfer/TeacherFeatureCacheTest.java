package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherFeatureCacheTest {
    @TempDir
    Path dir;

    @Test
    void halfFloatRoundTripsWithinHalfPrecisionAndKeepsSpecialValues() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            float f = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-4, 4)));
            float back = HalfFloat.toFloat(HalfFloat.fromFloat(f));
            if (Math.abs(f) >= 6.1e-5f && Math.abs(f) < 65504f) {
                assertEquals(f, back, Math.abs(f) * 0x1p-11f, "normal half range");
            } else if (Math.abs(f) < 6.1e-5f) {
                assertEquals(f, back, 0x1p-25f, "subnormal half range");
            }
        }
        assertEquals(1.0f, HalfFloat.toFloat(HalfFloat.fromFloat(1.0f)));
        assertEquals(65504f, HalfFloat.toFloat(HalfFloat.fromFloat(65504f)));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.toFloat(HalfFloat.fromFloat(1e6f)));
        assertTrue(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN))));
        assertEquals(-0.0f, HalfFloat.toFloat(HalfFloat.fromFloat(-0.0f)));
        // round to nearest even at the halfway point between 1 and the next half (1 + 2^-10)
        assertEquals(1.0f, HalfFloat.toFloat(HalfFloat.fromFloat(1 + 0x1p-11f)));
    }

    @Test
    void slotsPersistAcrossReopeningAndStayEmptyUntilWritten() throws Exception {
        float[] values = {1.5f, -2.25f, 3f, 1e-3f};
        try (TeacherFeatureCache c = TeacherFeatureCache.open(dir, "teacher-a", 10, 4)) {
            assertFalse(c.has(7));
            c.put(7, values, 0);
            assertTrue(c.has(7));
        }
        try (TeacherFeatureCache c = TeacherFeatureCache.open(dir, "teacher-a", 10, 4)) {
            float[] out = new float[4];
            c.get(7, out, 0);
            assertEquals(1.5f, out[0]);
            assertEquals(-2.25f, out[1]);
            assertEquals(1e-3f, out[3], 1e-6f);
            assertFalse(c.has(6));
        }
        try (TeacherFeatureCache other = TeacherFeatureCache.open(dir, "teacher-b", 10, 4)) {
            assertFalse(other.has(7), "another fingerprint is another file");
        }
    }
}
