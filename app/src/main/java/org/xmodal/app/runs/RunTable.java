package org.xmodal.app.runs;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.xmodal.engine.run.RunStatus;

/** The table of runs: state, progress, time to go, speed and last loss of each, kept current as runs stream. */
final class RunTable extends TableView<RunRecord> {
    RunTable(RunsViewModel runs) {
        super(runs.library().runs());
        setId("run-table");
        Label empty = new Label();
        empty.textProperty().bind(runs.library().rootProperty().map(root -> "No runs in " + root + " yet: start one "
                + "with New run, or from a terminal with ./xmodal run --spec FILE"));
        setPlaceholder(empty);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(text("Run", 240, r -> r.id()));
        getColumns().add(text("Kind", 210, r -> r.spec().kind() + (r.spec().studentArchitecture() == null ? ""
                : " \u00b7 " + r.spec().studentArchitecture()) + ("teacher".equals(r.spec().kind()) ? ""
                : " \u00b7 " + r.spec().input())));
        TableColumn<RunRecord, RunSummary> state = column("State", 150);
        state.setCellFactory(c -> new StateCell(runs));
        getColumns().add(state);
        TableColumn<RunRecord, RunSummary> progress = column("Progress", 170);
        progress.setCellFactory(c -> new ProgressCell());
        getColumns().add(progress);
        getColumns().add(text("ETA", 70, r -> r.isRunning() ? RunText.duration(r.status().etaSeconds()) : ""));
        getColumns().add(text("Images/s", 75, r -> RunText.speed(r.status().imagesPerSecond())));
        getColumns().add(text("Last loss", 90, r -> RunText.number(r.status().lastLoss())));
        getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> runs.selectedProperty().set(n));
        getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<RunRecord>) c ->
                runs.chosen().setAll(getSelectionModel().getSelectedItems()));
        runs.selectedProperty().addListener((obs, o, n) -> {
            if (n != null && getSelectionModel().getSelectedItem() != n) {
                getSelectionModel().clearAndSelect(getItems().indexOf(n));
                scrollTo(n);
            }
        });
    }

    private static TableColumn<RunRecord, RunSummary> column(String title, double width) {
        TableColumn<RunRecord, RunSummary> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> f.getValue().summaryProperty());
        return c;
    }

    private static TableColumn<RunRecord, String> text(String title, double width, Function<RunSummary, String> f) {
        TableColumn<RunRecord, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> {
            ObservableValue<RunSummary> s = cell.getValue().summaryProperty();
            return Bindings.createStringBinding(() -> f.apply(s.getValue()), s);
        });
        return c;
    }

    /**
     * The state in words and colour; its message (why it failed or was interrupted) as a tooltip. Before a run's
     * first step: "Preparing: <what>" with a small bar of the stage, apart from the steps' bar of the next column.
     */
    private static final class StateCell extends TableCell<RunRecord, RunSummary> {
        private final RunsViewModel runs;
        private final ProgressBar preparation = new ProgressBar();

        StateCell(RunsViewModel runs) {
            this.runs = runs;
            preparation.getStyleClass().add("state-preparation");
            preparation.setPrefWidth(36);
        }

        @Override
        protected void updateItem(RunSummary s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeIf(c -> c.startsWith("state-"));
            if (empty || s == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String here = getTableRow() != null && getTableRow().getItem() != null
                    && runs.startedHere(getTableRow().getItem()) && s.isRunning() ? " \u2022" : "";
            RunStatus status = s.status();
            getStyleClass().add("state-" + RunText.state(status));
            if (status.preparing()) {
                setText(RunText.preparation(status) + here);
                preparation.setProgress(RunText.preparationBar(status));
                setGraphic(preparation);
                setTooltip(new Tooltip(RunText.preparation(status)));
                return;
            }
            setGraphic(null);
            setText(RunText.state(status) + here + RunText.job(s.job()));
            String message = s.spec().problem() != null ? s.spec().problem() : status.message();
            if (s.job() != null) {
                message = s.job().describe() + (message == null ? "" : "\n" + message);
            }
            setTooltip(message == null ? null : new Tooltip(message));
        }
    }

    /** A bar and "step / total". */
    private static final class ProgressCell extends TableCell<RunRecord, RunSummary> {
        private final ProgressBar bar = new ProgressBar();
        private final Label label = new Label();
        private final StackPane box = new StackPane(bar, label);

        ProgressCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            label.getStyleClass().add("progress-label");
        }

        @Override
        protected void updateItem(RunSummary s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            double f = s.fraction();
            bar.setProgress(f < 0 ? 0 : f);
            long total = s.status().totalSteps() > 0 ? s.status().totalSteps() : s.spec().iterations();
            label.setText(s.status().step() + " / " + total);
            setGraphic(box);
        }
    }
}
