package org.xmodal.app;

import javafx.scene.Scene;
import org.xmodal.app.menu.WorkbenchMenus;
import org.xmodal.app.shell.WorkbenchShell;

/** Assembles the main window's scene; shared by the app, the screenshots command and the UI tests. */
public final class Workbench {
    public static final double WIDTH = 1360;
    public static final double HEIGHT = 860;

    private Workbench() {
    }

    /** With settings remembered only while the window is open (the screenshots, the bench, UI tests). */
    public static WorkbenchShell shell(WorkbenchContext context) {
        return shell(context, WorkbenchMenus.Setup.inMemory());
    }

    /** The views, and the menu bar on top; every dataset the window opens is remembered in {@code menus}' settings. */
    public static WorkbenchShell shell(WorkbenchContext context, WorkbenchMenus.Setup menus) {
        WorkbenchShell shell = new WorkbenchShell(context, WorkbenchViews.all());
        menus.remembered().follow(context.session().datasetProperty());
        shell.setTop(new WorkbenchMenus(shell, menus).bar());
        return shell;
    }

    public static Scene scene(WorkbenchShell shell, double width, double height) {
        Scene scene = new Scene(shell, width, height);
        scene.getStylesheets().add(Workbench.class.getResource("workbench.css").toExternalForm());
        return scene;
    }
}
