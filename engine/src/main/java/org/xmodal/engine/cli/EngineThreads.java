package org.xmodal.engine.cli;

import org.xmodal.engine.device.CpuKernels;
import org.xmodal.engine.device.NativeMemory;

/**
 * Settings read when the engine loads: PyTorch's thread pools are sized then, so a spec's thread count must be set
 * before that, the native allocator is tuned before the first tensor exists ({@link NativeMemory}), and oneDNN's
 * kernels are chosen before the first convolution ({@link CpuKernels}; it loads PyTorch, so it comes last).
 */
final class EngineThreads {
    private EngineThreads() {
    }

    /**
     * @param threads the spec's thread count; 0 (all cores) means the CPUs Slurm gave the job in a batch job that asked
     *                for some ({@code SLURM_CPUS_PER_TASK}), so that jobs side by side on a node do not share cores
     */
    static void apply(int threads) {
        NativeMemory.configure();
        if (threads <= 0) {
            threads = slurmCpus();
        }
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        CpuKernels.configure();
    }

    private static int slurmCpus() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("SLURM_CPUS_PER_TASK", "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
