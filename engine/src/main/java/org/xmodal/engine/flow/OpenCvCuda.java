package org.xmodal.engine.flow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;

/**
 * Whether OpenCV's CUDA flow methods ({@link FlowMethod#cuda()}) can run in this process, found once: they need
 * OpenCV's CUDA natives on the class path (the {@code -Pcuda} build's {@code opencv:linux-x86_64-gpu}) and a CUDA
 * device that OpenCV counts ({@code cv::cuda::getCudaEnabledDeviceCount()}, which is 0 without a GPU, -1 without a
 * usable NVIDIA driver, and may throw). Nothing of OpenCV's CUDA modules is touched before this says yes. The CPU
 * build answers from its class path alone, without loading OpenCV, so that asking is cheap there (the workbench asks
 * when it lists the methods).
 */
public final class OpenCvCuda {
    /** How to get a build that can: said in every refusal. */
    public static final String HOW = "OpenCV's CUDA build and an NVIDIA GPU (build with mvn -Pcuda package, and run "
            + "where NVIDIA's driver sees a GPU)";

    private OpenCvCuda() {
    }

    /** What this process found: CUDA devices OpenCV counts, or why it has none (then {@code devices} is 0). */
    private record Status(int devices, String problem) {
    }

    private static final class Probe {
        static final Status STATUS = probe();
    }

    private static Status probe() {
        String natives = "/org/bytedeco/opencv/" + Loader.getPlatform() + "-gpu/"
                + System.mapLibraryName("jniopencv_cudaoptflow");
        if (OpenCvCuda.class.getResource(natives) == null) {
            return new Status(0, "this build has OpenCV's CPU natives, without CUDA (it was built without -Pcuda)");
        }
        int n;
        try {
            n = opencv_core.getCudaEnabledDeviceCount();
        } catch (RuntimeException | LinkageError e) {
            return new Status(0, "OpenCV's CUDA build could not count CUDA devices: " + e.getMessage());
        }
        if (n < 0) {
            return new Status(0, "OpenCV's CUDA build finds no usable NVIDIA driver, so 0 CUDA devices");
        }
        return n == 0 ? new Status(0, "OpenCV's CUDA build finds 0 CUDA devices") : new Status(n, null);
    }

    /** The CUDA devices OpenCV can use here (0 on the CPU build or without an NVIDIA GPU). */
    public static int devices() {
        return Probe.STATUS.devices();
    }

    /** Why no CUDA flow method can run here, or empty when they can. */
    public static Optional<String> whyUnavailable() {
        return Optional.ofNullable(Probe.STATUS.problem());
    }

    /** Why {@code method} cannot run here, or empty when it can (always, for a method that is not a CUDA one). */
    public static Optional<String> whyUnavailable(FlowMethod method) {
        return method.cuda() ? whyUnavailable() : Optional.empty();
    }

    /** Whether {@code method} can run here. */
    public static boolean available(FlowMethod method) {
        return whyUnavailable(method).isEmpty();
    }

    /** The methods that can run here, in their order: every method but the CUDA ones where those cannot. */
    public static List<FlowMethod> availableMethods() {
        return Arrays.stream(FlowMethod.values()).filter(OpenCvCuda::available).toList();
    }

    /**
     * Refuses a method that cannot run here, before anything of it is created.
     *
     * @throws IllegalArgumentException one line: the method, what it needs and what this process found
     */
    public static void require(FlowMethod method) {
        Optional<String> why = whyUnavailable(method);
        if (why.isPresent()) {
            throw new IllegalArgumentException("flow method " + method.id() + " needs " + HOW + ": " + why.get());
        }
    }
}
