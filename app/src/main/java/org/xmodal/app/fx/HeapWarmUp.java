package org.xmodal.app.fx;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.xmodal.app.task.BackgroundPriority;

/**
 * Makes the first write to the heap's memory in the background, not in the collector's pauses. The first write to
 * a page the process has never used costs a page fault; on the virtual machines we measured on (a Firecracker VM,
 * 2 cores) the host handles it, about 1.7 ms a megabyte. G1 copies what survives a young collection into old
 * regions taken from the bottom of the heap's free regions, and as the old generation grows those are regions never
 * written: with the window's controls and pictures surviving, each pause wrote 5-20 MB into fresh pages and took
 * 25-80 ms instead of about 10 ({@code ./xmodal bench fx}, {@code -Xlog:gc}; with {@code -XX:+AlwaysPreTouch} the
 * same pauses took 10-23 ms, but that flag touches the whole heap at start and on every expansion, in a pause: 1 s
 * for 600 MB).
 *
 * <p>So, as the toolkit starts, a thread at the lowest priority there is ({@link BackgroundPriority#lowest}: it
 * runs when a core would otherwise be idle; at nice 5 it still slowed the Data view's first frame) allocates byte
 * arrays as large as two of G1's regions, until {@link #bytesFor} of them: G1 places such arrays (humongous objects)
 * in the lowest free regions, the very ones the old generation takes next, and zeroes them, which writes every page.
 * Then it lets go of them, and the next young collection gives the regions back, written. The process's resident
 * memory grows by that much at once rather than over the first minutes of use, as the old generation fills. On a
 * machine of its own a page fault costs a small part of this, and so does the warm-up. With another collector, or
 * where the region size cannot be read, nothing is done.
 */
public final class HeapWarmUp {
    /** The most written: about what the old generation reaches in a few minutes of use (160-190 MB in bench fx). */
    static final long MOST_BYTES = 256L << 20;
    /** A pause after each array, so that the writing takes its time rather than a core the window needs. */
    private static final long PAUSE_MILLIS = 5;

    private HeapWarmUp() {
    }

    /**
     * How much to write: {@link #MOST_BYTES}, or the system property {@code xmodal.heapWarmUpMb} (0 turns it off), at
     * most an eighth of the largest heap and a quarter of the heap as it is now ({@code committed}): held at once,
     * more would fill the heap past the point where G1 starts marking the old generation, and it did, a marking
     * cycle after every array while the window opened (a 230 ms gap, with the JVM's initial heap of 388 MB).
     */
    static long bytesFor(long maxHeap, long committed) {
        long wanted = Long.getLong("xmodal.heapWarmUpMb", MOST_BYTES >> 20) << 20;
        return Math.max(0, Math.min(wanted, Math.min(maxHeap / 8, committed / 4)));
    }

    /** G1's region size, or empty when the collector is not G1. */
    static OptionalLong g1RegionSize() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue()));
        } catch (RuntimeException | LinkageError e) { // not HotSpot (no such options), or no jdk.management
            return OptionalLong.empty();
        }
    }

    /**
     * Writes {@code bytes} in arrays that each fill two regions of {@code regionSize} (their headers left room),
     * pausing {@code pauseMillis} after each, then drops them; returns how many arrays, or -1 when interrupted.
     */
    static int write(long bytes, long regionSize, long pauseMillis) {
        int size = (int) Math.min(Integer.MAX_VALUE - 64, 2 * regionSize - 1024);
        List<byte[]> held = new ArrayList<>();
        try {
            for (long written = 0; written < bytes; written += size) {
                held.add(new byte[size]); // zeroed as it is allocated: every page written
                Thread.sleep(pauseMillis);
            }
            return held.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            // held until here, so that no array's regions were given back and written again; then let go of
            // explicitly: the list's own array has outlived a few young collections by now and sits in the old
            // generation, where young collections take whatever it refers to as alive until the next marking
            held.clear();
        }
    }

    /** Starts the writing on a background thread below the window's priority; returns at once. */
    public static void start() {
        OptionalLong region = g1RegionSize();
        long bytes = bytesFor(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().totalMemory());
        if (region.isEmpty() || bytes == 0) {
            return;
        }
        Thread t = new Thread(() -> {
            BackgroundPriority.lowest();
            write(bytes, region.getAsLong(), PAUSE_MILLIS);
        }, "xmodal-heap-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
