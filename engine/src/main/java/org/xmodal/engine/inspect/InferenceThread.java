package org.xmodal.engine.inspect;

import ai.djl.pytorch.jni.JniUtils;
import org.xmodal.engine.device.CpuKernels;

/** Makes the calling thread ready for a look at a network: PyTorch loaded, its kernels chosen, no gradients. */
final class InferenceThread {
    private InferenceThread() {
    }

    static void prepare() {
        try {
            // chooses oneDNN's kernels before the first convolution; nothing may call into PyTorch before it
            CpuKernels.configure();
            // PyTorch records gradients on every thread but the one that loaded it, and refuses to load weights in
            // place into parameters while it records: these are looks, so it records nothing here
            JniUtils.setGradMode(false);
        } catch (LinkageError e) {
            throw new IllegalStateException("the PyTorch engine could not run (" + e.getMessage() + ")", e);
        }
    }
}
