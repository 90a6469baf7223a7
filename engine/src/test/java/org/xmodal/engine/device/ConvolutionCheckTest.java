package org.xmodal.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvolutionCheckTest {
    /** The kernels of this process, unless they were set by hand (such a choice is only warned about). */
    private static CpuKernels.Choice assumeChosenByXmodal() {
        CpuKernels.Choice chosen = CpuKernels.configure(); // the session listener chose them already
        assumeFalse(chosen.reason().startsWith("set in the environment"),
                CpuKernels.VARIABLE + "=" + chosen.isa() + " was set by hand: such a choice is checked with a warning"
                        + " only (see the log), and may compute some of the cases wrong");
        return chosen;
    }

    @Test
    void theKernelsChosenForThisProcessComputeEveryCaseRight() {
        CpuKernels.Choice chosen = assumeChosenByXmodal();
        ConvolutionCheck.Result result = ConvolutionCheck.run();
        assertTrue(result.ok(), () -> chosen.describe() + ": " + result.failures());
    }

    @Test
    void aConvolutionThatIgnoresItsLastInputChannelIsCaughtInEveryCaseWithSeveralChannels() {
        // what oneDNN's wrong kernels amount to: channels of the padded block read as something other than the input
        ConvolutionCheck.Result result = ConvolutionCheck.run((x, w, b, c) -> {
            NDArray keep = w.getManager().ones(w.getShape(), w.getDataType());
            keep.set(new NDIndex(":, -1"), 0);
            return ConvolutionCheck.PYTORCH.apply(x, w.mul(keep), b, c);
        });
        assertFalse(result.ok());
        for (ConvolutionCheck.Case c : ConvolutionCheck.CASES) {
            if (c.in() / c.groups() > 1) {
                assertTrue(result.failures().stream().anyMatch(f -> f.startsWith(c.describe() + ": output off")),
                        () -> c.describe() + " not caught: " + result.failures());
            }
        }
    }

    @Test
    void aConvolutionOffInTheLastBitsPasses() {
        assumeChosenByXmodal(); // the cases' float32 results come from this process's kernels
        ConvolutionCheck.Result result = ConvolutionCheck.run((x, w, b, c) -> ConvolutionCheck.PYTORCH.apply(
                x, w.mul(1 + 1e-6f), b, c));
        assertEquals(List.of(), result.failures());
    }

    @Test
    void relativeErrorIsTheNormOfTheDifferenceOverTheNormOfTheExactValues() {
        assertEquals(0.5, ConvolutionCheck.relativeError(new double[]{3, 4}, new double[]{3, 6.5}), 1e-12);
        assertEquals(0, ConvolutionCheck.relativeError(new double[]{0, 0}, new double[]{0, 0}));
        assertTrue(Double.isNaN(ConvolutionCheck.relativeError(new double[]{1}, new double[]{Double.NaN})));
        assertEquals(Double.POSITIVE_INFINITY, ConvolutionCheck.relativeError(new double[]{1}, new double[]{1, 2}));
    }
}
