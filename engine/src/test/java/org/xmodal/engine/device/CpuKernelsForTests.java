package org.xmodal.engine.device;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses oneDNN's kernels ({@link CpuKernels}) when a test JVM starts, before any test runs a convolution: tests
 * use PyTorch directly, not through the engine's entry points that choose them. Registered in
 * {@code META-INF/services}; the app's tests get it through the engine's test jar.
 */
public final class CpuKernelsForTests implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        System.setProperty("ai.djl.offline", "true");
        CpuKernels.configure();
    }
}
