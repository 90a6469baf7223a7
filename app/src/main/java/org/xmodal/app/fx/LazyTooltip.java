package org.xmodal.app.fx;

import java.util.function.Function;
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

    /** Gives {@code control} a tooltip of {@code text}, made by {@code make} on the pointer's first visit. */
    public static void install(Control control, String text, Function<String, Tooltip> make) {
        control.getProperties().put(KEY, text);
        control.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> {
            if (control.getTooltip() == null) {
                control.setTooltip(make.apply(text));
            }
        });
    }

    /** The text of {@code control}'s tooltip, made or still to be made; null when it has none. */
    public static String textOf(Control control) {
        if (control.getTooltip() != null) {
            return control.getTooltip().getText();
        }
        Object text = control.getProperties().get(KEY);
        return text instanceof String s ? s : null;
    }
}
