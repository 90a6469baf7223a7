package org.xmodal.app.fx;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.ParsePosition;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * Form fields bound to view-model properties. A value typed is committed as soon as the text is a complete number
 * (so previews update while typing), never reformatted under the cursor; arrows and buttons commit at once.
 */
public final class Forms {
    private static final String INVALID = "invalid-value";

    private Forms() {
    }

    public static Spinner<Integer> intSpinner(String id, IntegerProperty p, int min, int max, int step) {
        Spinner<Integer> s = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max,
                p.get(), step);
        s.setValueFactory(f);
        f.valueProperty().addListener((obs, o, v) -> {
            if (v != null) {
                p.set(v);
            }
        });
        p.addListener((obs, o, v) -> f.setValue(v.intValue()));
        return configure(s, id);
    }

    public static Spinner<Double> doubleSpinner(String id, DoubleProperty p, double min, double max, double step) {
        Spinner<Double> s = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max,
                p.get(), step);
        f.setConverter(new NumberConverter());
        s.setValueFactory(f);
        f.valueProperty().addListener((obs, o, v) -> {
            if (v != null) {
                p.set(v);
            }
        });
        p.addListener((obs, o, v) -> f.setValue(v.doubleValue()));
        return configure(s, id);
    }

    private static <T> Spinner<T> configure(Spinner<T> s, String id) {
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        StringConverter<T> converter = s.getValueFactory().getConverter();
        s.getEditor().textProperty().addListener((obs, o, text) -> {
            T v = parse(converter, text);
            // a number outside the range is not committed (the factory would clamp it, changing the text typed)
            boolean complete = v != null && converter.toString(v).equals(text)
                    && problemOf("", s.getValueFactory(), text) == null;
            if (complete) {
                s.getValueFactory().setValue(v);
            }
        });
        s.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                T v = parse(converter, s.getEditor().getText());
                if (v != null) {
                    s.getValueFactory().setValue(v);
                }
                s.getEditor().setText(converter.toString(s.getValue()));
            }
        });
        return s;
    }

    /**
     * What is wrong with a spinner's text, named by its label: not a number, not a whole one, or outside the
     * spinner's range; null when it is a value the spinner takes.
     */
    static <T> String problemOf(String label, SpinnerValueFactory<T> f, String text) {
        T v = parse(f.getConverter(), text);
        if (v == null) {
            if (f instanceof SpinnerValueFactory.IntegerSpinnerValueFactory && NumberConverter.parse(text) != null) {
                return label + ": " + text.strip() + " is not a whole number";
            }
            return NumberTexts.notANumber(label, text);
        }
        double x = ((Number) v).doubleValue();
        Object[] range = NumberTexts.range(f);
        if (f instanceof SpinnerValueFactory.IntegerSpinnerValueFactory i && (x < i.getMin() || x > i.getMax())
                || f instanceof SpinnerValueFactory.DoubleSpinnerValueFactory d && (x < d.getMin() || x > d.getMax())) {
            return NumberTexts.outOfRange(label, text, range[0], range[1]);
        }
        return null;
    }

    private static <T> T parse(StringConverter<T> converter, String text) {
        try {
            return text == null || text.isBlank() ? null : converter.fromString(text.trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A text field for any real number; text that is not a number is marked and not committed. */
    public static TextField numberField(String id, DoubleProperty p) {
        TextField t = new TextField(NumberConverter.format(p.get()));
        t.setId(id);
        t.setPrefColumnCount(8);
        boolean[] fromText = {false};
        t.textProperty().addListener((obs, o, text) -> {
            Double v = NumberConverter.parse(text);
            t.getStyleClass().remove(INVALID);
            if (v == null) {
                t.getStyleClass().add(INVALID);
                return;
            }
            fromText[0] = true;
            try {
                p.set(v);
            } finally {
                fromText[0] = false;
            }
        });
        p.addListener((obs, o, v) -> {
            if (!fromText[0]) {
                t.setText(NumberConverter.format(v.doubleValue()));
            }
        });
        return t;
    }

    /** A two-column form grid: labels on the left, fields on the right. */
    /** The choice of where work runs, as "Run on" shows it. */
    public static final String THIS_MACHINE = "this machine";
    public static final String SLURM = "Slurm (cluster profile)";

    /** "Run on: this machine / Slurm (cluster profile)", kept in step with {@code onSlurm} both ways. */
    public static javafx.scene.control.ComboBox<String> runOnChoice(String id,
                                                                    javafx.beans.property.BooleanProperty onSlurm) {
        javafx.scene.control.ComboBox<String> c = new javafx.scene.control.ComboBox<>();
        c.setId(id);
        c.getItems().setAll(THIS_MACHINE, SLURM);
        c.setValue(onSlurm.get() ? SLURM : THIS_MACHINE);
        c.valueProperty().addListener((obs, o, n) -> onSlurm.set(SLURM.equals(n)));
        onSlurm.addListener((obs, o, n) -> c.setValue(n ? SLURM : THIS_MACHINE));
        return c;
    }

    public static GridPane grid() {
        GridPane g = new GridPane();
        g.getStyleClass().add("form-grid");
        g.setHgap(8);
        g.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        return g;
    }

    public static void row(GridPane g, String label, Node field, String help) {
        Label l = new Label(label);
        if (help != null) {
            // made on the pointer's first visit: a tooltip is a popup window of its own, and a form's rows' tooltips
            // were a good part of the encoding lab's first showing
            LazyTooltip.install(l, help, Forms::wrappedTooltip);
            LazyTooltip.install(field, help, Forms::wrappedTooltip);
        }
        g.addRow(g.getRowCount(), l, field);
    }

    /** A tooltip for a sentence or two: wrapped, not wider than a column of text. */
    public static Tooltip wrappedTooltip(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        return tip;
    }

    /** Up to six decimals, no grouping, a dot whatever the locale (so files and forms agree). */
    static final class NumberConverter extends StringConverter<Double> {
        private static final ThreadLocal<DecimalFormat> FORMAT = ThreadLocal.withInitial(
                () -> new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)));

        static String format(double v) {
            return FORMAT.get().format(v);
        }

        static Double parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            ParsePosition pos = new ParsePosition(0);
            Number n = FORMAT.get().parse(text.trim(), pos);
            return n == null || pos.getIndex() != text.trim().length() ? null : n.doubleValue();
        }

        @Override
        public String toString(Double v) {
            return v == null ? "" : format(v);
        }

        @Override
        public Double fromString(String s) {
            return parse(s);
        }
    }
}
