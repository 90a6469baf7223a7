package org.xmodal.app.runs;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The run form's fields in ControlsFX's property sheet: each field of the spec an item, edited by a control bound
 * to the form's property. Numbers are typed as text (1e-4 is a learning rate); text that is not a number of the
 * field's kind is marked and not taken.
 */
final class SpecEditors {
    private static final String INVALID = "invalid-value";

    private SpecEditors() {
    }

    /** A field of the form as a property-sheet item. */
    record Item(SpecField field, ObjectProperty<Object> value, RunFormViewModel form) implements PropertySheet.Item {
        @Override
        public Class<?> getType() {
            return field.valueType();
        }

        @Override
        public String getCategory() {
            return field.category();
        }

        @Override
        public String getName() {
            return field.label();
        }

        @Override
        public String getDescription() {
            return field.help();
        }

        @Override
        public Object getValue() {
            return value.get();
        }

        @Override
        public void setValue(Object v) {
            value.set(v);
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(value);
        }
    }

    static PropertyEditor<?> editor(PropertySheet.Item item) {
        Item it = (Item) item;
        String id = "field-" + it.field().key().replace('.', '-');
        Node node = switch (it.field().type()) {
            case BOOLEAN -> check(it.value());
            case CHOICE -> choice(it);
            case TEXT, STEPS, STAGES, OPTIONAL_NUMBER, TERMS, NAMES -> text(it.value());
            case INTEGER, LONG, NUMBER -> number(it.field().type(), it.value());
        };
        node.setId(id);
        return new PropertyEditor<Object>() {
            @Override
            public Node getEditor() {
                return node;
            }

            @Override
            public Object getValue() {
                return it.value().get();
            }

            @Override
            public void setValue(Object v) {
                it.value().set(v);
            }
        };
    }

    /**
     * Keeps {@code editor} showing the form's value. The form outlives its editors (the sheet makes new ones whenever
     * the kind of run changes which fields show), so the value holds the listener weakly and the editor strongly:
     * an editor no longer shown is not kept alive, or updated, by the form.
     */
    private static void follow(ObjectProperty<Object> value, Node editor, ChangeListener<Object> listener) {
        editor.getProperties().put(SpecEditors.class, listener);
        value.addListener(new WeakChangeListener<>(listener));
    }

    private static CheckBox check(ObjectProperty<Object> p) {
        CheckBox c = new CheckBox();
        c.setSelected(Boolean.TRUE.equals(p.get()));
        c.selectedProperty().addListener((obs, o, n) -> p.set(n));
        follow(p, c, (obs, o, n) -> c.setSelected(Boolean.TRUE.equals(n)));
        return c;
    }

    private static ComboBox<String> choice(Item it) {
        ComboBox<String> c = new ComboBox<>(it.form().choices(it.field().key()));
        c.setMaxWidth(Double.MAX_VALUE);
        c.setValue((String) it.value().get());
        c.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                it.value().set(n);
            }
        });
        follow(it.value(), c, (obs, o, n) -> c.setValue((String) n));
        return c;
    }

    private static TextField text(ObjectProperty<Object> p) {
        TextField t = new TextField((String) p.get());
        t.textProperty().addListener((obs, o, n) -> p.set(n));
        follow(p, t, (obs, o, n) -> {
            if (!t.getText().equals(n)) {
                t.setText((String) n);
            }
        });
        return t;
    }

    private static TextField number(SpecField.Type type, ObjectProperty<Object> p) {
        TextField t = new TextField(format(p.get()));
        t.textProperty().addListener((obs, o, text) -> {
            Object v = parse(type, text);
            t.getStyleClass().remove(INVALID);
            if (v == null) {
                t.getStyleClass().add(INVALID);
            } else {
                p.set(v);
            }
        });
        follow(p, t, (obs, o, n) -> {
            Object shown = parse(type, t.getText());
            if (n != null && !n.equals(shown)) {
                t.setText(format(n));
            }
        });
        return t;
    }

    static Object parse(SpecField.Type type, String text) {
        String s = text == null ? "" : text.trim();
        try {
            return switch (type) {
                case INTEGER -> Integer.parseInt(s);
                case LONG -> Long.parseLong(s);
                default -> {
                    double d = Double.parseDouble(s.toLowerCase(Locale.ROOT));
                    yield Double.isFinite(d) ? d : null;
                }
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whole numbers as themselves, reals without an exponent or trailing zeros (0.0001, 0.9). */
    static String format(Object v) {
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
