package org.xmodal.app.runs;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.collections.transformation.FilteredList;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** Two runs' specs side by side, differing fields first and marked; "only differences" hides the rest. */
final class SpecDiffView extends BorderPane {
    SpecDiffView(RunsViewModel runs) {
        setId("spec-diff");
        getStyleClass().add("run-form");
        Label title = new Label();
        title.setId("diff-title");
        title.getStyleClass().add("run-title");
        title.textProperty().bind(runs.diffTitleProperty());
        CheckBox only = new CheckBox("Only differences");
        only.setId("only-differences");
        FilteredList<SpecDiff.Row> rows = new FilteredList<>(runs.diff());
        only.selectedProperty().addListener((obs, o, n) -> rows.setPredicate(n ? SpecDiff.Row::differs : null));
        setTop(new HBox(16, title, only));
        TableView<SpecDiff.Row> table = new TableView<>(rows);
        table.setId("diff-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<SpecDiff.Row, String> field = new TableColumn<>("Field");
        // the form's label, as the form and its messages name the field; the path for a field the form lacks
        field.setCellValueFactory(c -> new ReadOnlyStringWrapper(SpecDiff.label(c.getValue().field(),
                SpecDiff.sharedKind(runs.diff()))));
        field.setPrefWidth(220);
        TableColumn<SpecDiff.Row, String> left = new TableColumn<>("First run");
        left.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().left()));
        left.setPrefWidth(400);
        TableColumn<SpecDiff.Row, String> right = new TableColumn<>("Second run");
        right.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().right()));
        right.setPrefWidth(400);
        table.getColumns().add(field);
        table.getColumns().add(left);
        table.getColumns().add(right);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SpecDiff.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("differs");
                if (!empty && item != null && item.differs()) {
                    getStyleClass().add("differs");
                }
            }
        });
        setCenter(table);
    }
}
