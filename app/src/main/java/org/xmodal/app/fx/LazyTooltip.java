package org.xmodal.app.fx;

import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/**
 * A control's tooltip made when the pointer first comes over it, not when the control is. A tooltip is a popup
 * window of its own; a form of forty fields made forty of them as it opened, a good part of the time the run form
 * took to show. Until then {@link #textOf} gives the text it will show.
 */
public final class LazyTooltip {
    private static final String KEY = LazyTooltip.class.getName();

    private LazyTooltip() {
    }

    /**
     * Gives {@code node} a tooltip of {@code text}, made by {@code make} on the pointer's first visit (a control's
     * own tooltip; any other node's installed on it).
     */
    public static void install(Node node, String text, Function<String, Tooltip> make) {
        node.getProperties().put(KEY, text);
        node.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, new javafx.event.EventHandler<>() {
            @Override
            public void handle(javafx.scene.input.MouseEvent e) {
                node.removeEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, this);
                if (node instanceof Control c) {
                    if (c.getTooltip() == null) {
                        c.setTooltip(make.apply(text));
                    }
                } else {
                    Tooltip.install(node, make.apply(text));
                }
            }
        });
    }

    /** {@link #install} with a plain tooltip. */
    public static void install(Node node, String text) {
        install(node, text, Tooltip::new);
    }

    /** The text of {@code node}'s tooltip, made or still to be made; null when it has none. */
    public static String textOf(Node node) {
        if (node instanceof Control c && c.getTooltip() != null) {
            return c.getTooltip().getText();
        }
        Object text = node.getProperties().get(KEY);
        return text instanceof String s ? s : null;
    }
}
