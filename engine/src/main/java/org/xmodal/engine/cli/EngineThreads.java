package org.xmodal.engine.cli;

import org.xmodal.engine.device.NativeMemory;

/**
 * Settings read when the engine loads: PyTorch's thread pools are sized then, so a spec's thread count must be set
 * before that, and the native allocator is tuned before the first tensor exists ({@link NativeMemory}).
 */
final class EngineThreads {
    private EngineThreads() {
    }

    static void apply(int threads) {
        NativeMemory.configure();
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
