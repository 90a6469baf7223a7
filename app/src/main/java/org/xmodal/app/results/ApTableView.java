package org.xmodal.app.results;

import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The per-class table bound to the view-model (AP for Table 1, accuracy for SOCKET): a column per arm with the arm's
 * meaning in its header's tooltip, the best cell of each row in bold on a tint, each cell's per-seed values in its
 * tooltip, "–" with a tooltip where there is no value, the main metric's and gain rows set apart. Header clicks sort through the view-model (the
 * summary rows stay at the bottom); clicking a cell chooses its class and arm.
 */
final class ApTableView {
    private final ResultsViewModel vm;
    private final TableView<ApTable.Row> table;
    private final TableColumn<ApTable.Row, String> classColumn = new TableColumn<>(ApTable.CLASS_COLUMN);
    /** Set while the rows are replaced, when selection changes are the table's doing, not the person's. */
    private boolean updating;

    ApTableView(ResultsViewModel vm) {
        this.vm = vm;
        this.table = new TableView<>(vm.rows());
        table.setId("ap-table");
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.setPlaceholder(new javafx.scene.control.Label("Open an experiment to see its per-class table"));
        classColumn.setId("col-class");
        classColumn.setPrefWidth(96);
        classColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        classColumn.setCellFactory(c -> new ApCell(null, vm));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ApTable.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("summary-row", "no-truth-row");
                if (!empty && row != null && row.kind() != ApTable.Kind.CLASS) {
                    getStyleClass().add("summary-row");
                } else if (!empty && row != null && row.cells().isEmpty()) {
                    getStyleClass().add("no-truth-row");
                }
            }
        });
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
        table.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) c -> {
            if (updating || table.getSelectionModel().getSelectedCells().isEmpty()) {
                return;
            }
            TablePosition<?, ?> p = table.getSelectionModel().getSelectedCells().get(0);
            if (p.getRow() < 0 || p.getRow() >= table.getItems().size()) {
                return;
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
            for (String arm : vm.arms()) {
                TableColumn<ApTable.Row, String> col = new TableColumn<>(arm);
                col.setUserData(arm);
                col.setId("col-" + arm.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
                // "46.5 ± 48.2" in bold fits in 94 pixels; long arm names widen their column
                col.setPrefWidth(Math.max(94, 7.5 * arm.length() + 16));
                col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().text(arm)));
                col.setCellFactory(c -> new ApCell(arm, vm));
                ArmLabels.of(kindOf(vm), arm).ifPresent(label -> {
                    javafx.scene.control.Label header = new javafx.scene.control.Label(arm);
                    header.setTooltip(new Tooltip(label));
                    col.setText(null);
                    col.setGraphic(header);
                });
                table.getColumns().add(col);
            }
        } finally {
            updating = false;
        }
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

    TableView<ApTable.Row> node() {
        return table;
    }

    /** A cell of the class column ({@code arm} null) or of an arm's column. */
    private static final class ApCell extends TableCell<ApTable.Row, String> {
        private final String arm;
        private final ResultsViewModel vm;

        ApCell(String arm, ResultsViewModel vm) {
            this.arm = arm;
            this.vm = vm;
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            getStyleClass().removeAll("best-cell", "missing-cell", "ap-cell");
            setTooltip(null);
            ApTable.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (empty || text == null || row == null) {
                setText(null);
                return;
            }
            setText(text);
            if (arm == null) {
                if (row.kind() == ApTable.Kind.CLASS && row.cells().isEmpty()) {
                    setTooltip(new Tooltip(noTruth(row.label())));
                }
                return;
            }
            getStyleClass().add("ap-cell");
            if (row.best().contains(arm)) {
                getStyleClass().add("best-cell");
                Experiment e = vm.experimentProperty().get();
                setTooltip(new Tooltip(e != null && e.corruptionLevels() ? "The best objective for " + row.label()
                        + " at this corruption level" : "The best arm for " + row.label()));
            }
            if (text.equals(ApTable.MISSING)) {
                getStyleClass().add("missing-cell");
                setTooltip(new Tooltip(row.kind() == ApTable.Kind.GAIN ? "The gains are measured from "
                        + vm.baselineProperty().get() : noTruth(row.label())));
                return;
            }
            // the values behind the mean and std: each seed's, as its run stored it
            String seeds = vm.seedValues(arm, row);
            if (!seeds.isEmpty()) {
                setTooltip(new Tooltip(getTooltip() == null ? seeds : getTooltip().getText() + "\n" + seeds));
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
