package org.xmodal.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionClassesTest {
    @Test
    void nyuSpellingsWithSpacesMapToTheBenchmarkClasses() {
        assertEquals(Optional.of("night-stand"), DetectionClasses.fromNyuName("night stand"));
        assertEquals(Optional.of("garbage-bin"), DetectionClasses.fromNyuName("garbage bin"));
        assertEquals(Optional.of("bookshelf"), DetectionClasses.fromNyuName("book shelf"));
        assertEquals(Optional.of("bathtub"), DetectionClasses.fromNyuName("bath tub"));
        assertEquals(Optional.of("television"), DetectionClasses.fromNyuName(" TV "));
    }

    @Test
    void labelsOutsideTheNineteenClassesHaveNoDetectionClass() {
        assertEquals(Optional.empty(), DetectionClasses.fromNyuName("wall"));
        assertEquals(Optional.empty(), DetectionClasses.fromNyuName(null));
    }
}
