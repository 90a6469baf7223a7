package org.xmodal.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The collector's pauses are laid over a span of System.nanoTime by their overlap with it, and are heard. */
class CollectorPausesTest {
    @Test
    void pausesAreLaidOnTheClockTheirNotificationsAllowAndCountOnlyWithinTheSpan() {
        CollectorPauses pauses = new CollectorPauses();
        long ms = 1_000_000L;
        long base = System.nanoTime();
        pauses.told(100, 120, base + 121 * ms); // told 1 ms after it ended
        assertEquals(20, pauses.millisWithin(base, base + 1000 * ms), 1e-9);
        assertEquals(0, pauses.millisWithin(base + 121 * ms, base + 1000 * ms), 1e-9, "after it, as known so far");
        pauses.told(200, 230, base + 230 * ms); // told as it ended: the collector's clock starts 1 ms earlier
        assertEquals(20, pauses.millisWithin(base + 110 * ms, base + 210 * ms), 1e-9, "the end of one, the start of "
                + "the other");
        assertEquals(0, pauses.millisWithin(base + 120 * ms, base + 200 * ms), 1e-9, "between them");
        assertEquals(0, new CollectorPauses().millisWithin(base, base + 1000 * ms), "none told");
    }

    @Test
    void aCollectionOfThisJvmIsHeard() throws Exception {
        CollectorPauses pauses = new CollectorPauses();
        pauses.listen();
        try {
            // enough alive that the full collection takes milliseconds (it is told to the millisecond)
            Object[] alive = new Object[500_000];
            for (int i = 0; i < alive.length; i++) {
                alive[i] = new int[8];
            }
            long before = System.nanoTime();
            System.gc();
            java.lang.ref.Reference.reachabilityFence(alive);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // told on the JVM's service thread a little after the collection
            while (pauses.millisWithin(before - 5_000_000L, System.nanoTime()) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(pauses.millisWithin(before - 5_000_000L, System.nanoTime()) > 0,
                    "System.gc() stopped this JVM for a while, and it was told");
        } finally {
            pauses.stopListening();
        }
    }
}
