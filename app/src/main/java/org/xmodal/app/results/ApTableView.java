package org.xmodal.app.results;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.StyleClasses;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The per-class table bound to the view-model (AP for Table 1, accuracy for SOCKET): a column per arm with the arm's
 * meaning in its header's tooltip, the best cell of each row in bold on a tint, each cell's per-seed values in its
 * tooltip, "–" with a tooltip where there is no value. The main metric's and gain rows are pinned under the class
 * rows, in a table of their own whose columns follow the class table's (widths and horizontal scroll), so that the
 * experiment's result is in view however many classes there are. Header clicks sort the classes through the
 * view-model; clicking a cell chooses its class and arm; the classes stay where they were scrolled when their rows
 * are replaced (gains shown, a sort).
 */
final class ApTableView {
    private static final double ROW_HEIGHT = 24;
    private final ResultsViewModel vm;
    private final TableView<ApTable.Row> table;
    /** The mAP (accuracy) and gain rows, under the classes. */
    private final TableView<ApTable.Row> totals;
    private final TableColumn<ApTable.Row, String> classColumn = new TableColumn<>(ApTable.CLASS_COLUMN);
    private final VBox box;
    /** Set while the rows are replaced, when selection changes are the table's doing, not the person's. */
    private boolean updating;
    /** Whether the open experiment's arms are objectives at corruption levels (worked out once, not per cell). */
    private boolean corruptionLevels;

    ApTableView(ResultsViewModel vm) {
        this.vm = vm;
        this.table = new TableView<>(new FilteredList<>(vm.rows(), r -> r.kind() == ApTable.Kind.CLASS));
        this.totals = new TableView<>(new FilteredList<>(vm.rows(), r -> r.kind() != ApTable.Kind.CLASS));
        table.setId("ap-table");
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.setPlaceholder(new javafx.scene.control.Label("Open an experiment to see its per-class table"));
        classColumn.setId("col-class");
        classColumn.setPrefWidth(96);
        classColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        classColumn.setCellFactory(c -> new ApCell(null));
        table.setRowFactory(t -> new ApRow());
        // rows of one height: the table lays out without measuring every row
        table.setFixedCellSize(ROW_HEIGHT);
        totals.setId("ap-totals");
        totals.getStyleClass().add("ap-totals");
        totals.setRowFactory(t -> new ApRow());
        totals.setFixedCellSize(ROW_HEIGHT);
        totals.setPlaceholder(new javafx.scene.control.Label());
        totals.getSelectionModel().setCellSelectionEnabled(true);
        // as tall as its rows: it never scrolls up and down, so the summary is always in view
        totals.prefHeightProperty().bind(Bindings.size(totals.getItems()).multiply(ROW_HEIGHT).add(3));
        totals.minHeightProperty().bind(totals.prefHeightProperty());
        totals.maxHeightProperty().bind(totals.prefHeightProperty());
        totals.visibleProperty().bind(Bindings.isNotEmpty(totals.getItems()));
        totals.managedProperty().bind(totals.visibleProperty());
        table.skinProperty().addListener((obs, o, n) -> followSideways());
        totals.skinProperty().addListener((obs, o, n) -> followSideways());
        box = new VBox(table, totals);
        box.setFillWidth(true);
        VBox.setVgrow(table, Priority.ALWAYS);
        vm.experimentProperty().addListener((obs, o, e) -> corruptionLevels = e != null && e.corruptionLevels());
        rebuildColumns();
        vm.arms().addListener((ListChangeListener<String>) c -> rebuildColumns());
        table.setSortPolicy(t -> {
            if (t.getSortOrder().isEmpty()) {
                vm.sortProperty().set(null);
            } else {
                TableColumn<ApTable.Row, ?> col = t.getSortOrder().get(0);
                String column = col == classColumn ? ApTable.CLASS_COLUMN : (String) col.getUserData();
                vm.sortProperty().set(new ApTable.Sort(column, col.getSortType() == TableColumn.SortType.ASCENDING));
            }
            return true;
        });
        vm.rows().addListener((ListChangeListener<ApTable.Row>) c -> reselect());
        keepScrollWhenRowsChange();
        totals.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) c -> {
            if (updating || totals.getSelectionModel().getSelectedCells().isEmpty()) {
                return;
            }
            TablePosition<?, ?> p = totals.getSelectionModel().getSelectedCells().get(0);
            updating = true;
            try {
                table.getSelectionModel().clearSelection();
            } finally {
                updating = false;
            }
            vm.select(null, p.getTableColumn() == null ? null : (String) p.getTableColumn().getUserData());
        });
        table.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) c -> {
            if (updating || table.getSelectionModel().getSelectedCells().isEmpty()) {
                return;
            }
            TablePosition<?, ?> p = table.getSelectionModel().getSelectedCells().get(0);
            if (p.getRow() < 0 || p.getRow() >= table.getItems().size()) {
                return;
            }
            updating = true;
            try {
                totals.getSelectionModel().clearSelection();
            } finally {
                updating = false;
            }
            ApTable.Row row = table.getItems().get(p.getRow());
            String arm = p.getTableColumn() == null ? null : (String) p.getTableColumn().getUserData();
            vm.select(row.kind() == ApTable.Kind.CLASS ? row.label() : null, arm);
        });
    }

    private void rebuildColumns() {
        updating = true;
        try {
            table.getSortOrder().clear();
            table.getColumns().setAll(List.of(classColumn));
            totals.getColumns().setAll(List.of(totalsColumn(classColumn, null)));
            for (String arm : vm.arms()) {
                TableColumn<ApTable.Row, String> col = new TableColumn<>(arm);
                col.setUserData(arm);
                col.setId("col-" + arm.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
                // "46.5 ± 48.2" in bold fits in 94 pixels; long arm names widen their column
                col.setPrefWidth(Math.max(94, 7.5 * arm.length() + 16));
                col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().text(arm)));
                col.setCellFactory(c -> new ApCell(arm));
                ArmLabels.of(kindOf(vm), arm).ifPresent(label -> {
                    javafx.scene.control.Label header = new javafx.scene.control.Label(arm);
                    header.setTooltip(new Tooltip(label));
                    col.setText(null);
                    col.setGraphic(header);
                });
                table.getColumns().add(col);
                totals.getColumns().add(totalsColumn(col, arm));
            }
        } finally {
            updating = false;
        }
    }

    /** The totals' column under a class table's column: as wide as it, not sortable, the same cells. */
    private TableColumn<ApTable.Row, String> totalsColumn(TableColumn<ApTable.Row, String> above, String arm) {
        TableColumn<ApTable.Row, String> col = new TableColumn<>();
        col.setUserData(arm);
        col.setSortable(false);
        col.setReorderable(false);
        col.prefWidthProperty().bind(above.widthProperty());
        col.minWidthProperty().bind(above.widthProperty());
        col.maxWidthProperty().bind(above.widthProperty());
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(arm == null ? c.getValue().label()
                : c.getValue().text(arm)));
        col.setCellFactory(c -> new ApCell(arm));
        return col;
    }

    /**
     * The totals scroll sideways with the classes (their own bar is hidden by the style sheet). The class table's
     * vertical bar takes part of its width: the totals leave the same part out, so that both need to scroll sideways
     * alike.
     */
    private void followSideways() {
        ScrollBar above = bar(table, Orientation.HORIZONTAL);
        ScrollBar below = bar(totals, Orientation.HORIZONTAL);
        ScrollBar side = bar(table, Orientation.VERTICAL);
        if (above != null && below != null && side != null) {
            // followed, not bound: the totals' flow sets its own bar too (to 0 when it has nothing to scroll)
            above.valueProperty().addListener((obs, o, v) -> below.setValue(Math.min(v.doubleValue(),
                    below.getMax())));
            totals.maxWidthProperty().bind(Bindings.createDoubleBinding(() -> table.getWidth()
                    - (side.isVisible() ? side.getWidth() : 0), table.widthProperty(), side.visibleProperty(),
                    side.widthProperty()));
        }
    }

    private static ScrollBar bar(TableView<?> t, Orientation orientation) {
        for (Node n : t.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar b && b.getOrientation() == orientation) {
                return b;
            }
        }
        return null;
    }

    /**
     * Replacing every row (gains shown, a sort) lets the table's skin find its own place in the new rows when it next
     * lays them out (a row or more away): once it has, the row that was at the top is put back at the top (the
     * totals under the table may have changed its height, so a position would not be the same rows).
     */
    private void keepScrollWhenRowsChange() {
        int[] top = {-1};
        boolean[] restore = {false};
        // called before the table's skin sees the change: its flow is still where the person left it
        vm.rows().addListener((javafx.beans.InvalidationListener) o -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            IndexedCell<?> first = flow == null ? null : flow.getFirstVisibleCell();
            top[0] = first == null ? -1 : first.getIndex();
        });
        table.getItems().addListener((ListChangeListener<ApTable.Row>) c -> restore[0] = top[0] > 0
                && top[0] < table.getItems().size());
        Runnable afterLayout = () -> {
            if (restore[0]) {
                restore[0] = false;
                VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
                if (flow != null) {
                    flow.scrollToTop(top[0]);
                }
            }
        };
        table.sceneProperty().addListener((obs, o, n) -> {
            if (o != null) {
                o.removePostLayoutPulseListener(afterLayout);
            }
            if (n != null) {
                n.addPostLayoutPulseListener(afterLayout);
            }
        });
    }

    /** After the rows change (a sort, gains shown), the chosen cell is chosen again where its row now is. */
    private void reselect() {
        updating = true;
        try {
            table.getSelectionModel().clearSelection();
            String c = vm.selectedClassProperty().get();
            if (c == null) {
                return;
            }
            for (int i = 0; i < table.getItems().size(); i++) {
                ApTable.Row r = table.getItems().get(i);
                if (r.kind() == ApTable.Kind.CLASS && r.label().equals(c)) {
                    String arm = vm.selectedArmProperty().get();
                    TableColumn<ApTable.Row, ?> col = arm == null ? classColumn : table.getColumns().stream()
                            .filter(x -> arm.equals(x.getUserData())).findFirst().orElse(classColumn);
                    table.getSelectionModel().select(i, col);
                    return;
                }
            }
        } finally {
            updating = false;
        }
    }

    /** The class table with the totals pinned under it. */
    VBox node() {
        return box;
    }

    /** A row of either table: the summary rows set apart, a class without ground truth greyed. */
    private static final class ApRow extends TableRow<ApTable.Row> {
        @Override
        protected void updateItem(ApTable.Row row, boolean empty) {
            super.updateItem(row, empty);
            boolean summary = !empty && row != null && row.kind() != ApTable.Kind.CLASS;
            StyleClasses.set(this, "summary-row", summary);
            StyleClasses.set(this, "no-truth-row", !summary && !empty && row != null && row.cells().isEmpty());
        }
    }

    /**
     * A cell of the class column ({@code arm} null) or of an arm's column. Its tooltip is made when the pointer
     * first comes over it, and then kept with its text changed: a table shows a hundred cells or more, and a tooltip
     * made for each (a popup window each) was a good part of the time the Results view took to show an experiment.
     */
    private final class ApCell extends TableCell<ApTable.Row, String> {
        private final String arm;
        private Tooltip tip;
        private String tipText;

        ApCell(String arm) {
            this.arm = arm;
            setOnMouseEntered(e -> {
                if (tipText != null && tip == null) {
                    tip = new Tooltip(tipText);
                    setTooltip(tip);
                }
            });
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            ApTable.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
            boolean shown = !empty && text != null && row != null;
            StyleClasses.set(this, "ap-cell", shown && arm != null);
            StyleClasses.set(this, "best-cell", shown && arm != null && row.best().contains(arm));
            StyleClasses.set(this, "missing-cell", shown && arm != null && text.equals(ApTable.MISSING));
            if (!shown) {
                setText(null);
                tip(null);
                return;
            }
            setText(text);
            String tipText = null;
            if (arm == null) {
                if (row.kind() == ApTable.Kind.CLASS && row.cells().isEmpty()) {
                    tipText = noTruth(row.label());
                }
                tip(tipText);
                return;
            }
            if (row.best().contains(arm)) {
                tipText = corruptionLevels ? "The best objective for " + row.label() + " at this corruption level"
                        : "The best arm for " + row.label();
            }
            if (text.equals(ApTable.MISSING)) {
                tip(row.kind() == ApTable.Kind.GAIN ? "The gains are measured from " + vm.baselineProperty().get()
                        : noTruth(row.label()));
                return;
            }
            // the values behind the mean and std: each seed's, as its run stored it
            String seeds = vm.seedValues(arm, row);
            if (!seeds.isEmpty()) {
                tipText = tipText == null ? seeds : tipText + "\n" + seeds;
            }
            tip(tipText);
        }

        private void tip(String text) {
            tipText = text;
            if (tip != null) {
                tip.setText(text == null ? "" : text);
                setTooltip(text == null ? null : tip);
            }
        }

        private String noTruth(String className) {
            return "mAP".equals(vm.metricProperty().get())
                    ? "No ground truth of " + className + " in the test pairs: no AP, and not in mAP"
                    : "No test image of " + className + ": no " + vm.metricProperty().get();
        }
    }

    /** The open experiment's kind (its summary's {@code experiment}), or null. */
    static String kindOf(ResultsViewModel vm) {
        Experiment e = vm.experimentProperty().get();
        return e == null ? null : e.summary().experiment();
    }
}
