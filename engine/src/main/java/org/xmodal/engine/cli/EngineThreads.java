package org.xmodal.engine.cli;

/** PyTorch's thread pools are sized when the engine loads, so a spec's thread count must be set before that. */
final class EngineThreads {
    private EngineThreads() {
    }

    static void apply(int threads) {
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
