package org.xmodal.engine.device;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the process allocates tensor memory, set before the engine loads. A training step frees and allocates the
 * same few dozen activation buffers (megabytes each) every time; glibc's defaults return freed memory to the system
 * and map large blocks afresh, so every step pays again for touching new pages: 12,500 to 13,800 page faults per
 * step of {@code alexnet-small} at batch 64, and a step took 130 ms of CPU instead of 107 on one thread of a
 * virtual machine. Keeping freed memory in the process (a fixed mmap threshold at glibc's maximum, no trimming,
 * padded heap growth) brings that to a few hundred; libtorch's own {@code THP_MEM_ALLOC_ENABLE} backs its blocks of
 * 2 MB and more with huge pages, which does the same for tensors above the threshold (alexnet's conv1 maps at
 * batch 32 are 37 MB) and leaves a handful.
 *
 * <p>Resident memory therefore stays at the step's peak instead of falling between steps; it does not grow from
 * step to step. Nothing happens off Linux/glibc, or when the user has set the variables (MALLOC_*) themselves.
 */
public final class NativeMemory {
    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's largest accepted mmap threshold on 64-bit systems (HEAP_MAX_SIZE / 2). */
    private static final int MMAP_THRESHOLD = 32 << 20;
    private static final int TOP_PAD = 256 << 20;
    private static final int TRIM_THRESHOLD = Integer.MAX_VALUE;
    private static boolean configured;

    private NativeMemory() {
    }

    /**
     * Applies the settings once per process; call it before the first tensor is allocated (libtorch reads
     * THP_MEM_ALLOC_ENABLE once). Returns whether the allocator was tuned.
     */
    public static synchronized boolean configure() {
        if (configured) {
            return true;
        }
        configured = true;
        LibC c = LibC.linux().orElse(null);
        if (c == null) {
            return false;
        }
        try {
            c.setenv("THP_MEM_ALLOC_ENABLE", "1", 0); // 0: a value the user set wins
            if (System.getenv().keySet().stream().anyMatch(k -> k.startsWith("MALLOC_"))) {
                LOG.debug("MALLOC_* set in the environment: glibc's allocator left as configured");
                return false;
            }
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD) == 1;
            LOG.debug("native allocator tuned for training: {}", ok);
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("native allocator left as it is: {}", e.toString());
            return false;
        }
    }
}
