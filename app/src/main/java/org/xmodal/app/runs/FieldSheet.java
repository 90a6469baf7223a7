package org.xmodal.app.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.controlsfx.control.PropertySheet;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.fx.NextPulse;

/**
 * A column of the run form: each field's name beside its editor ({@link SpecEditors}), made a few rows per pulse.
 * ControlsFX's PropertySheet made every editor (and two tooltips a field) in the pulse that showed it, and again
 * whenever its items changed: opening the form froze the window for a quarter to half a second. Here the first rows
 * show at once and the rest follow over the next pulses, each styled in its own.
 */
public final class FieldSheet extends GridPane {
    /** Rows made per pulse: a row (a name and an editor, a combo box the heaviest) is styled in a few ms. */
    static final int ROWS_PER_PULSE = 3;
    private final ObservableList<PropertySheet.Item> items = FXCollections.observableArrayList();
    private int generation;

    FieldSheet(String id) {
        setId(id);
        getStyleClass().add("property-sheet");
        setHgap(10);
        setVgap(5);
        ColumnConstraints names = new ColumnConstraints();
        names.setHalignment(HPos.LEFT);
        ColumnConstraints editors = new ColumnConstraints();
        editors.setHgrow(Priority.ALWAYS);
        editors.setFillWidth(true);
        getColumnConstraints().setAll(names, editors);
        items.addListener((InvalidationListener) obs -> rebuild());
    }

    /** The fields shown, in order; changing them makes the rows again. */
    public ObservableList<PropertySheet.Item> getItems() {
        return items;
    }

    /** The names of the rows made so far, in order: what the person sees of {@link #getItems()}. */
    public List<String> shownNames() {
        List<String> names = new ArrayList<>();
        for (Node n : getChildren()) {
            if (n instanceof Label l && GridPane.getColumnIndex(n) == 0) {
                names.add(l.getText());
            }
        }
        return names;
    }

    private void rebuild() {
        int g = ++generation;
        getChildren().clear();
        List<PropertySheet.Item> all = List.copyOf(items);
        List<Runnable> later = new ArrayList<>();
        for (int from = ROWS_PER_PULSE; from < all.size(); from += ROWS_PER_PULSE) {
            int start = from;
            later.add(() -> {
                if (g == generation) { // not when the fields changed again meanwhile
                    addRows(all, start, Math.min(all.size(), start + ROWS_PER_PULSE));
                }
            });
        }
        addRows(all, 0, Math.min(all.size(), ROWS_PER_PULSE));
        if (!later.isEmpty()) {
            NextPulse.inTurn(later);
        }
    }

    private void addRows(List<PropertySheet.Item> all, int from, int to) {
        for (int row = from; row < to; row++) {
            PropertySheet.Item item = all.get(row);
            Label name = new Label(item.getName());
            name.getStyleClass().add("field-name");
            name.setMinWidth(USE_PREF_SIZE);
            if (item.getDescription() != null && !item.getDescription().isBlank()) {
                LazyTooltip.install(name, item.getDescription(), SpecEditors::tooltip);
            }
            Node editor = SpecEditors.editor(item).getEditor();
            GridPane.setValignment(name, VPos.CENTER);
            GridPane.setHgrow(editor, Priority.ALWAYS);
            add(name, 0, row);
            add(editor, 1, row);
        }
    }
}
