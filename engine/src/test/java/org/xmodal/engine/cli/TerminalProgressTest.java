package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void aSpeedNotMeasuredYetIsSaidSoNotPrintedAsNaN() {
        assertEquals("step 1/400, loss 3.232, measuring speed",
                TerminalProgress.trainingStep(1, 400, 3.2316, Double.NaN));
        assertEquals("step 200/2000, loss 2.456, 1150 images/s",
                TerminalProgress.trainingStep(200, 2000, 2.4561, 1150.4));
    }
}
