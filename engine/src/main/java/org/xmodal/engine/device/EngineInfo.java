package org.xmodal.engine.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmodal.engine.BuildInfo;

/**
 * What the deep-learning engine found on this machine: PyTorch version, native flavour (cpu or cuXXX) and the
 * devices with their memory. Probing loads the bundled natives; with {@code ai.djl.offline=true} it never
 * downloads anything, so a missing native jar fails here with a clear message instead of a network timeout.
 */
public record EngineInfo(String engine, String engineVersion, String djlVersion, String nativeFlavour,
                         int cpuCores, List<Gpu> gpus) {
    private static final Logger LOG = LoggerFactory.getLogger(EngineInfo.class);

    public record Gpu(int index, long totalMemoryBytes) {
        public String describe() {
            return String.format(Locale.ROOT, "gpu%d (%.1f GiB)", index, totalMemoryBytes / (double) (1L << 30));
        }
    }

    /** Loads PyTorch through DJL (offline) and lists the devices. */
    public static EngineInfo probe() {
        System.setProperty("ai.djl.offline", "true");
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("the PyTorch engine could not be loaded offline: " + e.getMessage()
                    + " (the pytorch-native jar for this platform must be on the classpath; rebuild with Maven)", e);
        }
        CpuKernels.configure(); // before anything here runs a convolution
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < engine.getGpuCount(); i++) {
            MemoryUsage mem = CudaUtils.getGpuMemory(Device.gpu(i));
            gpus.add(new Gpu(i, mem == null ? 0 : mem.getMax()));
        }
        String flavour = BuildInfo.get().nativeFlavour();
        return new EngineInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), flavour,
                Runtime.getRuntime().availableProcessors(), List.copyOf(gpus));
    }

    /** Probes and logs the one startup line that says what will run the training. */
    public static EngineInfo probeAndLog() {
        EngineInfo info = probe();
        LOG.info(info.startupLine());
        return info;
    }

    public String startupLine() {
        StringBuilder devices = new StringBuilder("cpu (" + cpuCores + " cores)");
        for (Gpu g : gpus) {
            devices.append(", ").append(g.describe());
        }
        return "engine " + engine + " " + engineVersion + " via DJL " + djlVersion + ", " + nativeFlavour
                + " natives; devices: " + devices + kernels();
    }

    private static String kernels() {
        CpuKernels.Choice chosen = CpuKernels.chosen();
        return chosen == null ? "" : "; convolutions on the cpu use " + chosen.describe();
    }

    /** The device training uses by default: the first GPU when there is one, else the CPU. */
    public Device defaultDevice() {
        return gpus.isEmpty() ? Device.cpu() : Device.gpu(0);
    }
}
