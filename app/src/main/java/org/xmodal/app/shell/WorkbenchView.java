package org.xmodal.app.shell;

import javafx.scene.Node;

/** A view of the workbench, shown in the main window when chosen in the navigation. */
public interface WorkbenchView {
    Node node();
}
