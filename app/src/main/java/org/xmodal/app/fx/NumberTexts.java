package org.xmodal.app.fx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;

/**
 * What a form's number fields hold that is not a usable number, said in one line that names each such field by its
 * label and quotes what it holds. The line follows the text as it is typed: it changes with it, and a field leaves it
 * as soon as its text is a number again (or is put back to its value when it loses the focus). A field's text that
 * is no number is never committed, so without this line the form would go on showing a message about the last value
 * that was (or none) beside text that says something else.
 */
public final class NumberTexts {
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /** Watches a field made by {@link Forms#numberField}: any real number. */
    public TextField watch(String label, TextField field) {
        follow(label, field, text -> Forms.NumberConverter.parse(text) == null ? notANumber(label, text) : null);
        return field;
    }

    /** Watches a spinner made by {@link Forms}: a number within the spinner's range (whole for a whole spinner). */
    public <T> Spinner<T> watch(String label, Spinner<T> spinner) {
        follow(label, spinner.getEditor(), text -> Forms.problemOf(label, spinner.getValueFactory(), text));
        return spinner;
    }

    private void follow(String label, TextInputControl field, java.util.function.Function<String, String> check) {
        field.textProperty().addListener((obs, o, text) -> put(label, check.apply(text)));
        put(label, check.apply(field.getText()));
    }

    private void put(String label, String problem) {
        if (problem == null) {
            problems.remove(label);
        } else {
            problems.put(label, problem);
        }
        message.set(String.join("; ", problems.values()));
    }

    static String notANumber(String label, String text) {
        return text == null || text.isBlank() ? label + " is empty: type a number"
                : label + ": \u201c" + text.strip() + "\u201d is not a number";
    }

    /** The line: empty while every field holds a number. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** This line when a field holds no number, else {@code other} (the view-model's problem with the values). */
    public ObservableStringValue before(ObservableStringValue other) {
        return Bindings.createStringBinding(() -> message.get().isEmpty() ? other.get() : message.get(), message,
                other);
    }

    /** The labels of the fields that hold no number, in the order they were watched. */
    public List<String> fields() {
        return new ArrayList<>(problems.keySet());
    }

    static String outOfRange(String label, String text, Object min, Object max) {
        return String.format(Locale.ROOT, "%s: %s is not between %s and %s", label, text.strip(), min, max);
    }

    /** The range of a spinner's values, for its message. */
    static Object[] range(SpinnerValueFactory<?> f) {
        if (f instanceof SpinnerValueFactory.IntegerSpinnerValueFactory i) {
            return new Object[] {i.getMin(), i.getMax()};
        }
        if (f instanceof SpinnerValueFactory.DoubleSpinnerValueFactory d) {
            return new Object[] {Forms.NumberConverter.format(d.getMin()), Forms.NumberConverter.format(d.getMax())};
        }
        return null;
    }
}
