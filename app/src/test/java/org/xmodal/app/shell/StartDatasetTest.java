package org.xmodal.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartDatasetTest {
    private static final Path SAMPLE = Path.of("/app/sample-data/synth-rgbd");
    private static final Path GONE = Path.of("/data/moved-away");
    private static final Path HERE = Path.of("/data/rooms");
    private static final Set<Path> EXISTING = Set.of(SAMPLE, HERE);

    @Test
    void theDatasetOnTheCommandLineIsOpened() {
        Path given = Path.of("/data/given");
        assertEquals(Optional.of(given), StartDataset.choose(Optional.of(given), List.of(HERE), Optional.of(SAMPLE),
                EXISTING::contains));
    }

    @Test
    void elseTheMostRecentDatasetThatStillExists() {
        assertEquals(Optional.of(HERE), StartDataset.choose(Optional.empty(), List.of(GONE, HERE), Optional.of(SAMPLE),
                EXISTING::contains));
    }

    @Test
    void elseTheBundledSampleData() {
        assertEquals(Optional.of(SAMPLE), StartDataset.choose(Optional.empty(), List.of(GONE), Optional.of(SAMPLE),
                EXISTING::contains));
        assertEquals(Optional.empty(), StartDataset.choose(Optional.empty(), List.of(), Optional.empty(),
                EXISTING::contains));
    }
}
