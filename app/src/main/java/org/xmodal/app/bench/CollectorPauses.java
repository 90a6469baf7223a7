package org.xmodal.app.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collector's pauses of this JVM while listening, as the JVM tells them: one notification per collection,
 * on its service thread, with start and end in milliseconds since the JVM started. G1's young, mixed and full
 * collections are told; its concurrent cycles are not pauses, and the short pauses within them (remark, cleanup: a few
 * milliseconds) are not told on Java 17.
 *
 * <p>To lay them over the FX thread's gaps they are put on System.nanoTime's clock. The collector's "since the JVM
 * started" is not the runtime bean's uptime (it was 70 ms earlier here), so the start is taken from the
 * notifications themselves: each arrives after its collection ended, so the earliest start any of them allows is
 * the closest (a few milliseconds late at worst, when every notification waited for the service thread).
 */
final class CollectorPauses {
    /** Pauses as {start, end} in milliseconds since the JVM started, as told. */
    private final List<long[]> pauses = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::told;
    /** System.nanoTime at the collector's time 0: the earliest the notifications so far allow. */
    private long startNanos = Long.MAX_VALUE;
    /** Run on the service thread after each collection is told. */
    private final Runnable afterEach;

    /** {@code afterEach} runs on the JVM's service thread after each collection is told. */
    CollectorPauses(Runnable afterEach) {
        this.afterEach = afterEach;
    }

    CollectorPauses() {
        this(() -> { });
    }

    synchronized void listen() {
        stopListening();
        pauses.clear();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, n -> GarbageCollectionNotificationInfo
                        .GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
                emitters.add(e);
            }
        }
    }

    synchronized void stopListening() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException gone) {
                // not listening there: nothing to remove
            }
        }
        emitters.clear();
    }

    private void told(Notification n, Object handback) {
        long arrived = System.nanoTime();
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) n.getUserData());
        told(info.getGcInfo().getStartTime(), info.getGcInfo().getEndTime(), arrived);
        afterEach.run();
    }

    /** A pause from {@code startMillis} to {@code endMillis} of the collector's clock, told at {@code arrivedNanos}. */
    synchronized void told(long startMillis, long endMillis, long arrivedNanos) {
        pauses.add(new long[] {startMillis, endMillis});
        startNanos = Math.min(startNanos, arrivedNanos - endMillis * 1_000_000L);
    }

    /** Milliseconds of the pauses told so far that fall between two System.nanoTime instants. */
    synchronized double millisWithin(long fromNanos, long toNanos) {
        if (pauses.isEmpty()) {
            return 0;
        }
        long total = 0;
        for (long[] p : pauses) {
            long start = startNanos + p[0] * 1_000_000L;
            long end = startNanos + p[1] * 1_000_000L;
            total += Math.max(0, Math.min(toNanos, end) - Math.max(fromNanos, start));
        }
        return total / 1e6;
    }
}
