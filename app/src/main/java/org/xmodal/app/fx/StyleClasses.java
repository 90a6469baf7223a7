package org.xmodal.app.fx;

import javafx.scene.Node;

/**
 * Sets whether a node has a style class, touching its list only when that changes. Any change to the list makes
 * JavaFX work out the node's style again; a table cell that removed and added back the same classes at every update
 * had its style worked out again and again, the larger part of the time a table took to show its rows.
 */
public final class StyleClasses {
    private StyleClasses() {
    }

    public static void set(Node node, String styleClass, boolean on) {
        boolean has = node.getStyleClass().contains(styleClass);
        if (on && !has) {
            node.getStyleClass().add(styleClass);
        } else if (!on && has) {
            node.getStyleClass().removeAll(styleClass);
        }
    }
}
