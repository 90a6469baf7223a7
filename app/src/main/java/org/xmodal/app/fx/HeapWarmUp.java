package org.xmodal.app.fx;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmodal.engine.device.LibC;

/**
 * Makes the first write to the heap's memory as the window starts, not in the collector's pauses. The first write to
 * a page the process has never used costs a page fault; on the virtual machines we measured on (a Firecracker VM,
 * 2 cores) the host handles it, about 1.7 ms a megabyte. G1 copies what survives a young collection into old
 * regions taken from the bottom of the heap's free regions, and as the old generation grows those are regions never
 * written: with the window's controls and pictures surviving, each pause wrote 5-20 MB into fresh pages and took
 * 25-80 ms instead of about 10 ({@code ./xmodal bench fx}, {@code -Xlog:gc}; with {@code -XX:+AlwaysPreTouch} the
 * same pauses took 10-23 ms, but that flag touches the whole heap at start and on every expansion, in a pause: 1 s
 * for 600 MB).
 *
 * <p>So, as the toolkit starts, a thread writes the lowest {@link #bytesFor} of the heap, in three steps:
 * <ol>
 * <li>It asks the kernel to fault that memory in ({@code madvise(MADV_POPULATE_WRITE)}, Linux 5.14 and later, which
 * keeps what the pages hold), a megabyte a call. The heap's range comes from the JVM ({@code GC.heap_info}), its
 * committed parts from {@code /proc/self/maps}. That is the guest's share of the cost, and a thread in a native call
 * holds nothing up; but the host still faults on the first real write (4 MB were zeroed in 15 ms before, 7 ms
 * after).</li>
 * <li>It writes the same memory by allocating byte arrays as large as one of G1's regions: G1 places such arrays
 * (humongous objects) in the lowest free regions, the very ones the old generation takes next, and zeroes them. A
 * thread zeroing a new array is inside the JVM, and every safepoint waits for it: at nice 19 and with pauses between
 * arrays, as the warm-up first ran, it was still at it during the first visits and one safepoint in ten took 15-20 ms
 * to reach instead of under 0.5 ({@code -Xlog:safepoint}), every such wait stopping the FX thread too. So it runs at
 * the window's own priority and without pauses, and is done within a second, before the window's first frames.</li>
 * <li>It lets go of the arrays and allocates small ones until the young generation is collected, which gives their
 * regions back: otherwise the first collection after the warm-up, the window's opening with 40 MB surviving, copied
 * them into regions above the dead arrays, never written (a 49 ms pause).</li>
 * </ol>
 *
 * <p>The process's resident memory grows by that much at once rather than over the first minutes of use, as the
 * old generation fills. On a machine of its own a page fault costs a small part of this, and so does the warm-up.
 * With another collector nothing is done; off Linux or before 5.14 the arrays do all the writing.
 */
public final class HeapWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(HeapWarmUp.class);
    /** The most written: about what the old generation reaches in a few minutes of use (160-190 MB in bench fx). */
    static final long MOST_BYTES = 256L << 20;
    /** Linux's {@code MADV_POPULATE_WRITE}: fault the range in, writable, as if written, keeping its contents. */
    static final int MADV_POPULATE_WRITE = 23;
    /** One call's share, so that an interrupt is seen soon. */
    static final long CHUNK_BYTES = 1L << 20;
    /** The small arrays allocated until a young collection: well under G1's smallest humongous size (512 KB). */
    private static final int GARBAGE_BYTES = 256 << 10;
    private static final Pattern G1_HEAP = Pattern.compile(
            "garbage-first heap[^\\[]*\\[0x(\\p{XDigit}+), 0x(\\p{XDigit}+)\\)\\s*region size (\\d+)K");
    private static final Pattern MAPS_LINE = Pattern.compile(
            "(\\p{XDigit}+)-(\\p{XDigit}+) (\\S{4}) \\p{XDigit}+ \\S+ (\\d+).*");
    /** Where the garbage that brings on a young collection goes, so that the compiler cannot leave it out. */
    @SuppressWarnings("unused")
    private static volatile byte[] sink;

    private HeapWarmUp() {
    }

    /** A range of addresses, {@code [start, end)}. */
    record Range(long start, long end) {
        long length() {
            return end - start;
        }
    }

    /** G1's heap: the addresses it reserved and the size of its regions. */
    record G1Heap(Range reserved, long regionSize) {
    }

    /** Faults in a range of memory; returns 0, or the error number ({@code errno}) it failed with. */
    @FunctionalInterface
    interface Populator {
        int populate(long address, long length);
    }

    /**
     * How much to write: {@link #MOST_BYTES}, or the system property {@code xmodal.heapWarmUpMb} (0 turns it off), at
     * most a quarter of the heap as it is now ({@code committed}): held at once, more would fill the heap past the
     * point where G1 starts marking the old generation (it did with the JVM's initial heap of 388 MB: a marking cycle
     * after every array).
     */
    static long bytesFor(long committed) {
        long wanted = Long.getLong("xmodal.heapWarmUpMb", MOST_BYTES >> 20) << 20;
        return Math.max(0, Math.min(wanted, committed / 4));
    }

    /** G1's heap, read from {@code GC.heap_info}'s text; empty for another collector. */
    static Optional<G1Heap> g1Heap(String heapInfo) {
        Matcher m = G1_HEAP.matcher(heapInfo);
        return m.find()
                ? Optional.of(new G1Heap(new Range(Long.parseUnsignedLong(m.group(1), 16),
                        Long.parseUnsignedLong(m.group(2), 16)), Long.parseLong(m.group(3)) << 10))
                : Optional.empty();
    }

    /** This JVM's {@code GC.heap_info}, or "" where it cannot be had (no jdk.management, not HotSpot). */
    static String heapInfo() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcHeapInfo",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return String.valueOf(text);
        } catch (JMException | RuntimeException | LinkageError e) {
            return "";
        }
    }

    /**
     * The lowest {@code bytes} of the heap's committed memory: its readable and writable anonymous mappings in
     * {@code /proc/self/maps} ({@code maps}, one mapping a line, in address order), cut to {@code heap}.
     */
    static List<Range> lowestCommitted(List<String> maps, Range heap, long bytes) {
        List<Range> ranges = new ArrayList<>();
        long left = bytes;
        for (String line : maps) {
            Matcher m = MAPS_LINE.matcher(line);
            // inode 0: anonymous memory (the class-data archive's heap regions are mapped from its file)
            if (left <= 0 || !m.matches() || !m.group(3).startsWith("rw") || !m.group(4).equals("0")) {
                continue;
            }
            long start = Math.max(heap.start(), Long.parseUnsignedLong(m.group(1), 16));
            long end = Math.min(heap.end(), Long.parseUnsignedLong(m.group(2), 16));
            if (start < end) {
                Range r = new Range(start, Math.min(end, start + left));
                ranges.add(r);
                left -= r.length();
            }
        }
        return ranges;
    }

    /**
     * Faults in {@code ranges}, {@code chunk} bytes a call; stops at the first call that fails. Returns how many
     * bytes it faulted in, or -1 when interrupted.
     */
    static long populate(List<Range> ranges, long chunk, Populator kernel) {
        long done = 0;
        for (Range r : ranges) {
            for (long at = r.start(); at < r.end(); at += chunk) {
                if (Thread.currentThread().isInterrupted()) {
                    return -1;
                }
                long length = Math.min(chunk, r.end() - at);
                int error = kernel.populate(at, length);
                if (error != 0) {
                    LOG.debug("heap warm-up: madvise(MADV_POPULATE_WRITE) failed at {} with errno {} (before Linux "
                            + "5.14 there is no such advice); {} bytes faulted in", Long.toHexString(at), error, done);
                    return done;
                }
                done += length;
            }
        }
        return done;
    }

    /** {@link #populate}'s calls to the kernel, or empty off Linux. */
    static Optional<Populator> kernel() {
        return LibC.linux().map(c -> (address, length) ->
                c.madvise(new Pointer(address), length, MADV_POPULATE_WRITE) == 0 ? 0 : Native.getLastError());
    }

    /**
     * Writes {@code bytes} in arrays that each fill one region of {@code regionSize} (their headers left room), then
     * lets go of them; returns how many arrays, or -1 when interrupted.
     */
    static int write(long bytes, long regionSize) {
        int size = (int) Math.min(Integer.MAX_VALUE - 64, regionSize - 1024);
        // held in one array of the right length, never a list: a list's grown-out-of arrays, dead but by then in
        // the old generation, still referred to the first arrays, and young collections take whatever the old
        // generation refers to as alive until the next marking (49 of 62 arrays stayed, and the old generation grew
        // above them, onto memory never written)
        byte[][] held = new byte[(int) Math.min(Integer.MAX_VALUE - 64, (bytes + size - 1) / size)][];
        try {
            for (int i = 0; i < held.length; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    return -1;
                }
                held[i] = new byte[size]; // zeroed as it is allocated: every page written
            }
            return held.length;
        } finally {
            // held until here, so that no array's region was given back and taken by the next array
            Arrays.fill(held, null);
        }
    }

    /**
     * Allocates small arrays until the young generation is collected once, at most {@code most} bytes; returns how
     * many bytes it allocated, or -1 when no young collector was found.
     */
    static long untilYoungCollection(long most) {
        Optional<GarbageCollectorMXBean> young = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getName().equals("G1 Young Generation")).findFirst();
        if (young.isEmpty()) {
            return -1;
        }
        long before = young.get().getCollectionCount();
        long allocated = 0;
        while (allocated < most && young.get().getCollectionCount() == before) {
            sink = new byte[GARBAGE_BYTES];
            allocated += GARBAGE_BYTES;
        }
        sink = null;
        return allocated;
    }

    /** The three steps, on the calling thread. */
    private static void warmUp(long bytes) {
        Optional<G1Heap> heap = g1Heap(heapInfo());
        if (heap.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        long faulted = kernel().map(k -> populate(lowestCommitted(readMaps(), heap.get().reserved(), bytes),
                CHUNK_BYTES, k)).orElse(0L);
        long populated = System.nanoTime();
        int arrays = write(bytes, heap.get().regionSize());
        long written = System.nanoTime();
        long garbage = arrays < 0 ? 0 : untilYoungCollection(4 * bytes);
        LOG.debug("heap warm-up: {} MB faulted in ({} ms), written in {} arrays ({} ms), a young collection after "
                + "{} KB ({} ms)", faulted >> 20, (populated - start) / 1_000_000, arrays,
                (written - populated) / 1_000_000, garbage >> 10, (System.nanoTime() - written) / 1_000_000);
    }

    private static List<String> readMaps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Starts the warm-up on a thread of its own; returns at once. */
    public static void start() {
        long bytes = bytesFor(Runtime.getRuntime().totalMemory());
        if (bytes == 0) {
            return;
        }
        Thread t = new Thread(() -> warmUp(bytes), "xmodal-heap-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
