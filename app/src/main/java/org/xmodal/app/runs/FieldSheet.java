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
import org.xmodal.app.fx.PacedSteps;

/**
 * A column of the run form: each field's name beside its editor ({@link SpecEditors}), made over several pulses.
 * ControlsFX's PropertySheet made every editor (and two tooltips a field) in the pulse that showed it, and again
 * whenever its items changed: opening the form froze the window for a quarter to half a second. Here the first row
 * shows at once and the others follow in the next pulses, as many a pulse as their styling fits in
 * {@link #ROW_BUDGET_MILLIS}, the two columns' rows taken in turns (by their row) so that the form fills from the top.
 */
public final class FieldSheet extends GridPane {
    /**
     * How long the rows made at the start of a pulse may take to make and style: a row (a name and an editor) takes
     * 2-15 ms, a combo box's the most. Three rows of each column a pulse made pulses of 50-60 ms as the form first
     * showed (bench fx, async-profiler); this keeps a pulse's rows to about one long frame, the layout included.
     */
    static final double ROW_BUDGET_MILLIS = 8;
    private final ObservableList<PropertySheet.Item> items = FXCollections.observableArrayList();
    private final PacedSteps rows;
    private int generation;

    /** A column whose rows are made by {@code rows}, which the form's columns share. */
    FieldSheet(String id, PacedSteps rows) {
        this.rows = rows;
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
        if (all.isEmpty()) {
            return;
        }
        addRow(all.get(0), 0);
        for (int i = 1; i < all.size(); i++) {
            int row = i;
            rows.add(row, () -> {
                if (g == generation) { // not when the fields changed again meanwhile
                    // styled here, so that its cost counts in the pulse's budget of rows
                    addRow(all.get(row), row).applyCss();
                }
            });
        }
    }

    /** Adds a field's row; returns its editor. */
    private Node addRow(PropertySheet.Item item, int row) {
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
        return editor;
    }
}
