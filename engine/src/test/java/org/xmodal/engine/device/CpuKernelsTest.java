package org.xmodal.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuKernelsTest {
    private static final String CPU = "vendor_id : AuthenticAMD\ncpu family : 26\nmodel name : AMD EPYC\nflags : avx2\n";

    /** A checker whose kernels are wrong above {@code firstRight}; records what it was asked. */
    private static CpuKernels.Checker wrongAbove(String firstRight, List<String> asked) {
        return isa -> {
            asked.add(isa);
            return new ConvolutionCheck.Result(CpuKernels.CANDIDATES.indexOf(isa)
                    < CpuKernels.CANDIDATES.indexOf(firstRight) ? List.of("24->16 channel 3x3 convolution: wrong")
                    : List.of());
        };
    }

    @Test
    void theFastestKernelsThatComputeRightAreChosenAndRememberedForThisCpu(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache/cpu-kernels.json");
        List<String> asked = new ArrayList<>();
        CpuKernels.Choice first = CpuKernels.choose(null, cache, CPU, wrongAbove("AVX", asked));
        assertEquals("AVX", first.isa());
        assertEquals(List.of("", "AVX2", "AVX"), asked);
        assertEquals(Map.of(CpuKernels.VARIABLE, "AVX"), first.environment());
        assertEquals(List.of("all kernels: 24->16 channel 3x3 convolution: wrong",
                "AVX2: 24->16 channel 3x3 convolution: wrong"), first.failuresOfFasterKernels());
        assertTrue(Files.readString(cache).contains("\"AVX\""));

        asked.clear();
        CpuKernels.Choice again = CpuKernels.choose(null, cache, CPU, wrongAbove("AVX", asked));
        assertEquals("AVX", again.isa());
        assertEquals(List.of(), asked, "remembered: no process started");

        CpuKernels.Choice otherCpu = CpuKernels.choose(null, cache, CPU.replace("26", "25"), wrongAbove("", asked));
        assertEquals("", otherCpu.isa());
        assertEquals(Map.of(), otherCpu.environment());
        assertEquals(List.of(""), asked);
    }

    @Test
    void aValueTheUserSetIsKeptUnchecked(@TempDir Path tmp) {
        List<String> asked = new ArrayList<>();
        CpuKernels.Choice c = CpuKernels.choose("AVX2", tmp.resolve("k.json"), CPU, wrongAbove("SSE41", asked));
        assertEquals("AVX2", c.isa());
        assertEquals(List.of(), asked);
    }

    @Test
    void anUnreadableCacheIsCheckedAgainAndReplaced(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cpu-kernels.json");
        Files.writeString(cache, "{not json");
        List<String> asked = new ArrayList<>();
        assertEquals("AVX2", CpuKernels.choose(null, cache, CPU, wrongAbove("AVX2", asked)).isa());
        assertEquals(List.of("", "AVX2"), asked);
        assertEquals("AVX2", CpuKernels.choose(null, cache, CPU, wrongAbove("", asked)).isa(), "rewritten");
    }

    @Test
    void whenNoKernelsComputeRightTheMessageListsWhatEachGotWrong(@TempDir Path tmp) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CpuKernels.choose(null,
                tmp.resolve("k.json"), CPU, isa -> new ConvolutionCheck.Result(List.of("conv wrong"))));
        assertTrue(e.getMessage().contains("all kernels: conv wrong") && e.getMessage().contains("SSE41: conv wrong"),
                e.getMessage());
    }

    @Test
    void aChildProcessReportsItsCheck() throws Exception {
        // the real thing, in a new JVM held to SSE4.1 (correct on every CPU seen so far); what matters here is that
        // the child runs, prints its result and the parent reads it
        ConvolutionCheck.Result r = CpuKernels.checkInChildProcess("SSE41");
        assertEquals(List.of(), r.failures());
    }
}
