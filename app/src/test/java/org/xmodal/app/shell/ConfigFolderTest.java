package org.xmodal.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigFolderTest {
    @Test
    void theSystemPropertyWinsSoTestsNeverTouchTheUsersSettings() {
        assertEquals(Path.of("/tmp/test-config"), ConfigFolder.resolve("/tmp/test-config", "/home/u/.cfg", "/home/u"));
    }

    @Test
    void xdgConfigHomeIsUsedWhenSet() {
        assertEquals(Path.of("/home/u/.cfg/xmodal"), ConfigFolder.resolve(null, "/home/u/.cfg", "/home/u"));
    }

    @Test
    void otherwiseTheHomeFoldersDotConfig() {
        assertEquals(Path.of("/home/u/.config/xmodal"), ConfigFolder.resolve(" ", "", "/home/u"));
    }

    @Test
    void theRecentExperimentsLiveInTheSameFolderAsTheSettings() {
        assertEquals(ConfigFolder.standard(), org.xmodal.app.results.RecentExperiments.standard().file().getParent());
        assertEquals(ConfigFolder.standard(), SettingsFile.standard().file().getParent());
    }
}
