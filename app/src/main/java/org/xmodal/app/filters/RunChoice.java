package org.xmodal.app.filters;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.xmodal.app.runs.RunRecord;

/**
 * A run as a picker names it: its name first, then when it was started ("table1-copy-rgb-s2 · 12-04 10:51"), not
 * its folder's name, whose leading date and time is all a narrow picker would show of it. The chosen run's folder is
 * in the picker's tooltip.
 */
final class RunChoice {
    /** A run folder's name: yyyyMMdd-HHmmss-name. */
    private static final Pattern ID = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})-(\\d{2})(\\d{2})(\\d{2})-(.+)");

    private RunChoice() {
    }

    static String label(RunRecord r) {
        Matcher m = ID.matcher(r.id());
        if (!m.matches()) {
            return r.id();
        }
        String name = r.summary().spec().name() == null || r.summary().spec().name().isBlank() ? m.group(7)
                : r.summary().spec().name();
        return name + " \u00b7 " + m.group(2) + "-" + m.group(3) + " " + m.group(4) + ":" + m.group(5);
    }

    /** Names runs by {@link #label}, and is as wide as its longest choice (never cut off at its own width). */
    static ComboBox<RunRecord> picker(ComboBox<RunRecord> c) {
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunRecord r) {
                return r == null ? null : label(r);
            }

            @Override
            public RunRecord fromString(String s) {
                return c.getItems().stream().filter(r -> label(r).equals(s)).findFirst().orElse(null);
            }
        });
        c.setPrefWidth(Region.USE_COMPUTED_SIZE);
        c.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip folder = new Tooltip();
        folder.textProperty().bind(Bindings.createStringBinding(() -> c.getValue() == null ? ""
                : c.getValue().path().toString(), c.valueProperty()));
        c.tooltipProperty().bind(Bindings.when(c.valueProperty().isNull()).then((Tooltip) null).otherwise(folder));
        return c;
    }
}
