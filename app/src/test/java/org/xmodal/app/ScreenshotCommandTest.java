package org.xmodal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScreenshotCommandTest {
    @Test
    void withoutAnOutputFolderItIsAUsageErrorAndNothingStarts() {
        assertEquals(2, ScreenshotCommand.run(new String[0]));
        assertEquals(2, ScreenshotCommand.run(new String[] {"--to", "x"}));
    }
}
