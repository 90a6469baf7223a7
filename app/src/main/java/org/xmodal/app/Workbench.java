package org.xmodal.app;

import javafx.scene.Scene;
import org.xmodal.app.shell.WorkbenchShell;

/** Assembles the main window's scene; shared by the app, the screenshots command and the UI tests. */
public final class Workbench {
    public static final double WIDTH = 1360;
    public static final double HEIGHT = 860;

    private Workbench() {
    }

    public static WorkbenchShell shell(WorkbenchContext context) {
        return new WorkbenchShell(context, WorkbenchViews.all());
    }

    public static Scene scene(WorkbenchShell shell, double width, double height) {
        Scene scene = new Scene(shell, width, height);
        scene.getStylesheets().add(Workbench.class.getResource("workbench.css").toExternalForm());
        return scene;
    }
}
