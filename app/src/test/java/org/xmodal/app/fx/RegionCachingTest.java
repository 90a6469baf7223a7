package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegionCachingTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(RegionCaching.PROPERTY);
        System.clearProperty(RegionCaching.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(RegionCaching.PROPERTY);
        } else {
            System.setProperty(RegionCaching.PROPERTY, before);
        }
    }

    @Test
    void theCacheIsTurnedOffWhenNobodyChose() {
        RegionCaching.turnOffUnlessChosen();
        assertEquals("true", System.getProperty(RegionCaching.PROPERTY));
    }

    @Test
    void theRenderersOwnReadingOfTheSettingIsSeen() {
        System.setProperty(RegionCaching.PROPERTY, "true"); // what the tests' JVM starts with, as the window sets it
        assertTrue(RegionCaching.asSet(), "JavaFX's renderer keeps the setting where RegionCaching looks for it");
        System.setProperty(RegionCaching.PROPERTY, "false"); // as if set after the renderer read "true"
        assertFalse(RegionCaching.asSet(), "a setting the renderer did not read is told apart");
    }

    @Test
    void aUsersChoiceOnTheCommandLineStands() {
        System.setProperty(RegionCaching.PROPERTY, "false"); // -Dprism.disableRegionCaching=false in XMODAL_JAVA_OPTS
        RegionCaching.turnOffUnlessChosen();
        assertEquals("false", System.getProperty(RegionCaching.PROPERTY));
    }
}
