package org.xmodal.engine.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Work done with autograd off, as under PyTorch's {@code no_grad}: a frozen network's forward pass, in-place writes
 * into tensors that require gradients (an optimiser's update, loading a checkpoint). Grad mode is per thread and on by
 * default on threads PyTorch did not start, so it is set for the work and restored after it, never assumed.
 */
public final class NoGrad {
    /** Work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T get() throws E;
    }

    private NoGrad() {
    }

    public static <T, E extends Exception> T call(Work<T, E> work) throws E {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
