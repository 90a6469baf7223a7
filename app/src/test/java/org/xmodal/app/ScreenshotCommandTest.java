package org.xmodal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenshotCommandTest {
    @Test
    void withoutAnOutputFolderItIsAUsageErrorAndNothingStarts() {
        assertEquals(2, ScreenshotCommand.run(new String[0]));
        assertEquals(2, ScreenshotCommand.run(new String[] {"--to", "x"}));
    }

    @Test
    void anExperimentFolderWithoutSummaryIsAUsageErrorBeforeAnythingStarts(@TempDir Path tmp) {
        assertEquals(2, ScreenshotCommand.run(new String[] {"--out", tmp.resolve("shots").toString(), "--experiment",
                tmp.toString()}));
    }
}
