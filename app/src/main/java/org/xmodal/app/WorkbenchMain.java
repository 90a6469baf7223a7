package org.xmodal.app;

import org.xmodal.engine.cli.XmodalCli;

/**
 * Entry point of {@code ./xmodal gui}. The JavaFX workbench is the subject of a later issue; until it exists this
 * says so and lists the engine's commands, as the launcher contract asks.
 */
public final class WorkbenchMain {
    private WorkbenchMain() {
    }

    public static void main(String[] args) {
        System.out.println("The JavaFX workbench is not built yet; the engine's commands are:");
        System.out.println();
        XmodalCli.commandLine().usage(System.out);
    }
}
