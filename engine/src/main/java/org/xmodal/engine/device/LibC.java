package org.xmodal.engine.device;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * The few C library calls the workbench makes, through JNA, on Linux only: the allocator's tuning
 * ({@link NativeMemory}), an environment variable read by a native library ({@link CpuKernels}), a thread's
 * scheduling priority (the window's background threads), advice on a range of memory (the window's heap) and the CPU
 * a thread runs on (the window's bench, watching each CPU).
 */
public interface LibC extends Library {
    int mallopt(int param, int value);

    int setenv(String name, String value, int overwrite);

    int setpriority(int which, int who, int prio);

    int getpriority(int which, int who);

    /**
     * {@code sched_setaffinity(2)}: {@code pid} 0 is the calling thread, {@code mask} one bit per CPU (64 to a word),
     * {@code cpusetsize} its size in bytes.
     */
    int sched_setaffinity(int pid, long cpusetsize, long[] mask);

    /** {@code madvise(2)}: {@code length} is a {@code size_t}, 64 bits on the 64-bit systems the workbench runs on. */
    int madvise(Pointer addr, long length, int advice);

    /** glibc, loaded once; empty off Linux or where it cannot be loaded. */
    static Optional<LibC> linux() {
        return Holder.C;
    }

    /** Loads the library at first use. */
    final class Holder {
        private static final Optional<LibC> C = load();

        private Holder() {
        }

        private static Optional<LibC> load() {
            if (!Platform.isLinux()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Native.load("c", LibC.class));
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
