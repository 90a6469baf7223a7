package org.xmodal.app.results;

import org.xmodal.engine.eval.SceneAccuracy;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * For an experiment that scores whole images (SOCKET), in the place of detection's mistakes: the run of each arm and
 * seed as the experiment's run index names it, with the accuracy its {@code results/accuracy.json} holds, its value
 * for the chosen class and the test images it scored. Rows of the chosen arm are selected.
 */
final class SeedRunsPane {
    private final VBox root = new VBox(4);

    SeedRunsPane(ResultsViewModel vm) {
        root.setId("seed-runs-pane");
        root.setPadding(new Insets(6, 10, 6, 10));
        Label title = new Label();
        title.setId("seed-runs-title");
        title.getStyleClass().add("mistakes-title");
        title.setWrapText(true);
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            Experiment e = vm.experimentProperty().get();
            if (e == null) {
                return "";
            }
            return "The run of each arm and seed and the " + e.summary().metric() + " its results/"
                    + org.xmodal.engine.eval.SceneAccuracy.FILE + " holds"
                    + (vm.selectedClassProperty().get() == null ? "; click a class row for that class's column"
                    : ", and on the test " + e.scoredUnit() + " of "
                    + vm.selectedClassProperty().get());
        }, vm.experimentProperty(), vm.selectedClassProperty()));
        Label notApplicable = new Label("False positives and missed objects apply to detection experiments only "
                + "(Table 1): this experiment classifies whole images.");
        notApplicable.setId("mistakes-not-applicable");
        notApplicable.getStyleClass().add("placeholder-text");
        notApplicable.setWrapText(true);

        TableView<SeedRun> table = new TableView<>(vm.seedRuns());
        table.setId("seed-runs");
        table.setPlaceholder(new Label("Open an experiment to see its runs"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SeedRun, String> arm = column("arm", "arm", 110,
                r -> ArmLabels.of(ApTableView.kindOf(vm), r.arm()).map(label -> r.arm() + " (" + label + ")").orElse(r.arm()));
        arm.setPrefWidth(330);
        TableColumn<SeedRun, Number> seed = new TableColumn<>("seed");
        seed.setId("seed-runs-seed");
        seed.setPrefWidth(50);
        seed.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().seed()));
        TableColumn<SeedRun, String> run = column("run", "run", 260,
                r -> r.run() == null ? ApTable.MISSING : r.run());
        TableColumn<SeedRun, String> value = column("value", "", 90,
                SeedRun::valueText);
        value.textProperty().bind(Bindings.concat(vm.metricProperty(), " (%)"));
        TableColumn<SeedRun, String> classValue = column("class-value", "", 130,
                SeedRun::classText);
        classValue.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedClassProperty().get() == null
                ? "(no class chosen)" : vm.selectedClassProperty().get() + " (%)", vm.selectedClassProperty()));
        TableColumn<SeedRun, String> images = column("images", "test images", 80,
                r -> r.images() == null ? ApTable.MISSING : String.valueOf(r.images()));
        images.textProperty().bind(Bindings.createStringBinding(() -> "test " + (vm.experimentProperty().get() == null
                ? "images" : vm.experimentProperty().get().scoredUnit()), vm.experimentProperty()));
        TableColumn<SeedRun, String> note = column("note", "note", 200,
                SeedRun::note);
        table.getColumns().addAll(java.util.List.of(arm, seed, run, value, classValue, images, note));
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        Runnable selectArm = () -> {
            table.getSelectionModel().clearSelection();
            String a = vm.selectedArmProperty().get();
            for (int i = 0; a != null && i < table.getItems().size(); i++) {
                if (table.getItems().get(i).arm().equals(a)) {
                    table.getSelectionModel().select(i);
                }
            }
        };
        vm.selectedArmProperty().addListener((obs, o, n) -> selectArm.run());
        vm.seedRuns().addListener((javafx.collections.ListChangeListener<SeedRun>) c ->
                selectArm.run());
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(title, notApplicable, table);
    }

    private static TableColumn<SeedRun, String> column(
            String id, String text, double width, java.util.function.Function<SeedRun, String> f) {
        TableColumn<SeedRun, String> c = new TableColumn<>(text);
        c.setId("seed-runs-" + id);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        return c;
    }

    VBox node() {
        return root;
    }
}
