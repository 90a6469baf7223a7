package org.xmodal.app.shell;

import java.nio.file.Path;

/**
 * The user's configuration folder, where the workbench remembers things between sessions (its settings, the recent
 * experiments): {@code -Dxmodal.config=DIR} when given (the tests give one, so they never touch the user's own),
 * else {@code $XDG_CONFIG_HOME/xmodal}, else {@code ~/.config/xmodal}.
 */
public final class ConfigFolder {
    public static final String PROPERTY = "xmodal.config";

    private ConfigFolder() {
    }

    public static Path standard() {
        return resolve(System.getProperty(PROPERTY), System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home"));
    }

    static Path resolve(String property, String xdgConfigHome, String home) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path base = xdgConfigHome != null && !xdgConfigHome.isBlank() ? Path.of(xdgConfigHome)
                : Path.of(home, ".config");
        return base.resolve("xmodal");
    }
}
