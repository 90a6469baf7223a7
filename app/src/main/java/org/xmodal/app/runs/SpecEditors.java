package org.xmodal.app.runs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.xmodal.app.fx.LazyTooltip;

/**
 * The run form's fields in ControlsFX's property sheet: each field of the spec an item, named by the form's label
 * for the kind of run and edited by a control bound to the form's property, with the field's help as its tooltip.
 * Numbers are typed as text (1e-4 is a learning rate); text that is not a number of the field's kind is marked, not
 * taken, and said under the form until it is put right. A field of weights offers the finished runs it takes and a
 * Browse... menu; the dataset field a Browse... menu too.
 */
final class SpecEditors {
    private static final String INVALID = "invalid-value";
    private static final Object SHOWING = new Object();
    /** Long help is read, not glimpsed: the tooltip stays while the pointer does. */
    private static final Duration TOOLTIP_SHOWN = Duration.INDEFINITE;

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
            return form.label(field);
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
        Control control = switch (it.field().type()) {
            case BOOLEAN -> check(it.value());
            case CHOICE -> choice(it);
            case TEXT -> WeightsFields.of(it.field().key()).isPresent() ? runPicker(it) : text(it.value());
            case STEPS, STAGES, OPTIONAL_NUMBER, TERMS, NAMES -> text(it.value());
            case INTEGER, LONG, NUMBER -> number(it);
        };
        control.setId(id);
        LazyTooltip.install(control, it.field().help(), SpecEditors::tooltip);
        Node node = control;
        if (WeightsFields.of(it.field().key()).isPresent() || it.field().key().equals("data")) {
            HBox box = new HBox(4, control, browse(it));
            HBox.setHgrow(control, Priority.ALWAYS);
            control.setMaxWidth(Double.MAX_VALUE);
            node = box;
        }
        Node shown = node;
        return new PropertyEditor<Object>() {
            @Override
            public Node getEditor() {
                return shown;
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

    static Tooltip tooltip(String help) {
        Tooltip t = new Tooltip(help);
        t.setWrapText(true);
        t.setMaxWidth(520);
        t.setShowDuration(TOOLTIP_SHOWN);
        return t;
    }

    /**
     * Keeps {@code editor} showing the form's value. The form outlives its editors (the sheet makes new ones whenever
     * the kind of run changes which fields show), so the value holds the listener weakly and the editor strongly:
     * an editor no longer shown is not kept alive, or updated, by the form. While the editor is being shown the
     * value, what it reports ({@link #showing}) is not written back: a text field's new text arrives as a deletion
     * then an insertion, and writing those back would set the value again inside its own change event, which
     * JavaFX's listener list does not survive when a dropped editor's weak listener leaves it at the same time.
     */
    private static void follow(ObjectProperty<Object> value, Node editor, Consumer<Object> show) {
        ChangeListener<Object> listener = (obs, o, n) -> {
            editor.getProperties().put(SHOWING, Boolean.TRUE);
            try {
                show.accept(n);
            } finally {
                editor.getProperties().remove(SHOWING);
            }
        };
        editor.getProperties().put(SpecEditors.class, listener);
        value.addListener(new WeakChangeListener<>(listener));
    }

    /** Whether the editor is being shown the form's value: what it reports then is not the person's doing. */
    private static boolean showing(Node editor) {
        return editor.getProperties().containsKey(SHOWING);
    }

    private static CheckBox check(ObjectProperty<Object> p) {
        CheckBox c = new CheckBox();
        c.setSelected(Boolean.TRUE.equals(p.get()));
        c.selectedProperty().addListener((obs, o, n) -> {
            if (!showing(c)) {
                p.set(n);
            }
        });
        follow(p, c, n -> c.setSelected(Boolean.TRUE.equals(n)));
        return c;
    }

    private static ComboBox<String> choice(Item it) {
        ComboBox<String> c = new ComboBox<>(it.form().choices(it.field().key()));
        c.setMaxWidth(Double.MAX_VALUE);
        c.setValue((String) it.value().get());
        c.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !showing(c)) {
                it.value().set(n);
            }
        });
        follow(it.value(), c, n -> c.setValue((String) n));
        return c;
    }

    /**
     * A weights field: typed, or picked from the finished runs it takes (updated as runs finish). What the person
     * types or picks is the field's value; the text the box shows for its own reasons (its list replaced) is not.
     */
    private static ComboBox<String> runPicker(Item it) {
        ObjectProperty<Object> p = it.value();
        ComboBox<String> c = new ComboBox<>(it.form().runChoices(it.field().key()));
        c.setEditable(true);
        c.setPromptText("a finished run, a run folder or a .params file");
        c.setValue((String) p.get());
        c.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !showing(c)) {
                p.set(n);
            }
        });
        c.getEditor().textProperty().addListener((obs, o, n) -> {
            if (c.getEditor().isFocused() && !showing(c)) {
                p.set(n);
            }
        });
        follow(p, c, n -> {
            if (!String.valueOf(n).equals(c.getEditor().getText())) {
                c.setValue((String) n);
                c.getEditor().setText((String) n);
            }
        });
        return c;
    }

    /** Browse...: the folder or file a field takes, chosen in the system's dialog. */
    private static MenuButton browse(Item it) {
        String key = it.field().key();
        MenuButton b = new MenuButton("Browse...");
        b.setId("browse-" + key.replace('.', '-'));
        if (key.equals("data")) {
            b.getItems().setAll(folderItem(it, "A dataset folder...", "Choose a dataset folder"),
                    fileItem(it, "NYU Depth v2's .mat file...", "NYU Depth v2's labelled .mat file", "*.mat"));
            b.setTooltip(tooltip("A dataset folder, a folder of video frames or NYU Depth v2's labelled .mat file"));
        } else {
            b.getItems().setAll(folderItem(it, "A run folder...", "Choose a run folder"),
                    fileItem(it, "A weights file...", "Weights (.params) or a TorchScript teacher (.pt)", "*.params",
                            "*.pt"));
            b.setTooltip(tooltip("A run folder (its final weights, else its latest checkpoint), a .params weights "
                    + "file or, for a torchscript teacher, an exported .pt file"));
        }
        return b;
    }

    private static MenuItem folderItem(Item it, String text, String title) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            startIn(it).ifPresent(chooser::setInitialDirectory);
            File chosen = chooser.showDialog(window(m));
            if (chosen != null) {
                it.value().set(chosen.getAbsolutePath());
            }
        });
        return m;
    }

    private static MenuItem fileItem(Item it, String text, String what, String... patterns) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose " + what);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
            startIn(it).ifPresent(chooser::setInitialDirectory);
            File chosen = chooser.showOpenDialog(window(m));
            if (chosen != null) {
                it.value().set(chosen.getAbsolutePath());
            }
        });
        return m;
    }

    /** Where a dialog opens: beside what the field names, else the folder of runs (weights) or the working folder. */
    private static Optional<File> startIn(Item it) {
        try {
            // the folder holding what is named, so that its neighbours (other runs, other files) are in view
            Path dir = Path.of(String.valueOf(it.value().get()).trim()).toAbsolutePath().getParent();
            if (dir != null && Files.isDirectory(dir)) {
                return Optional.of(dir.toFile());
            }
        } catch (InvalidPathException e) {
            // typed text that is not a path: start in the field's usual place
        }
        Path usual = it.field().key().equals("data") ? Path.of("").toAbsolutePath() : it.form().runsFolder();
        return Files.isDirectory(usual) ? Optional.of(usual.toFile()) : Optional.empty();
    }

    private static Window window(MenuItem m) {
        return m.getParentPopup() == null ? null : m.getParentPopup().getOwnerWindow();
    }

    private static TextField text(ObjectProperty<Object> p) {
        TextField t = new TextField((String) p.get());
        t.textProperty().addListener((obs, o, n) -> {
            if (!showing(t)) {
                p.set(n);
            }
        });
        follow(p, t, n -> {
            if (!t.getText().equals(n)) {
                t.setText((String) n);
            }
        });
        return t;
    }

    /** A number typed as text; text that is not one is marked and said under the form, and the run cannot start. */
    private static TextField number(Item it) {
        ObjectProperty<Object> p = it.value();
        TextField t = new TextField(SpecField.format(p.get()));
        t.textProperty().addListener((obs, o, text) -> {
            Object v = it.field().parse(text);
            t.getStyleClass().remove(INVALID);
            if (v == null) {
                t.getStyleClass().add(INVALID);
                it.form().unparsed(it.field().key(), text);
            } else {
                it.form().unparsed(it.field().key(), null);
                if (!showing(t)) {
                    p.set(v);
                }
            }
        });
        follow(p, t, n -> {
            Object shown = it.field().parse(t.getText());
            if (n != null && !n.equals(shown)) {
                t.setText(SpecField.format(n));
            }
        });
        return t;
    }
}
