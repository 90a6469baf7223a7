package org.xmodal.app.experiments;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.stage.DirectoryChooser;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.runs.RunWatchTimer;
import org.xmodal.app.shell.WorkbenchView;

/**
 * The Experiments page: on the left the form that starts an experiment and the experiments in the window's folder
 * of runs; on the right the chosen one stage by stage, with its engine's last lines. Binds to
 * {@link ExperimentsViewModel}; its own work is the folder choosers.
 */
public final class ExperimentsView implements WorkbenchView {
    private final ExperimentsViewModel vm;
    private final BorderPane root = new BorderPane();

    public ExperimentsView(WorkbenchContext context) {
        this.vm = new ExperimentsViewModel(context);
        root.setId("experiments-view");
        root.setTop(toolbar(context));
        SplitPane split = new SplitPane(left(), right());
        split.setDividerPositions(0.38);
        root.setCenter(split);
        RunWatchTimer.start(context.runs());
    }

    private Node toolbar(WorkbenchContext context) {
        Label title = new Label("Experiments");
        title.getStyleClass().add("run-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label folder = new Label();
        folder.setId("experiments-folder");
        folder.textProperty().bind(context.runs().rootProperty().map(p -> "Folder of runs and experiments: " + p));
        folder.setMinWidth(0);
        Button change = new Button("Change folder…");
        change.setId("change-runs-folder");
        LazyTooltip.install(change, "Choose the folder that holds your runs and experiments (experiments/<name>/); "
                + "every view shows the runs of the folder chosen");
        change.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of runs and experiments");
            File start = context.runs().root().toFile();
            if (start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
            File dir = chooser.showDialog(root.getScene().getWindow());
            if (dir != null) {
                context.runs().switchTo(dir.toPath());
            }
        });
        return new ToolBar(title, spacer, folder, change);
    }

    private Node left() {
        ExperimentForm form = vm.form();
        GridPane g = Forms.grid();
        g.getColumnConstraints().get(0).setMinWidth(Region.USE_PREF_SIZE); // labels in full, the fields shrink
        ComboBox<ExperimentKind> kind = new ComboBox<>();
        kind.setId("experiment-kind");
        kind.getItems().setAll(ExperimentKind.values());
        kind.valueProperty().bindBidirectional(form.kindProperty());
        kind.setMaxWidth(Double.MAX_VALUE);
        Forms.row(g, "Experiment", kind, "Which comparison of the papers to run: each is arms x seeds of normal runs");
        Label description = new Label();
        description.setId("experiment-description");
        description.setWrapText(true);
        description.textProperty().bind(form.descriptionProperty());
        g.add(description, 1, g.getRowCount());
        ComboBox<String> preset = new ComboBox<>(form.presets());
        preset.setId("experiment-preset");
        preset.valueProperty().bindBidirectional(form.presetProperty());
        preset.setMaxWidth(Double.MAX_VALUE);
        Forms.row(g, "Preset", preset, "The networks and schedules: cpu-demo takes minutes to an hour on two CPU "
                + "cores, quick (Table 1) is a two-minute run-through of every stage, paper is the paper's own "
                + "settings, for a GPU");
        TextField data = new TextField();
        data.setId("experiment-data");
        data.textProperty().bindBidirectional(form.dataProperty());
        data.setPromptText("the folder of paired images");
        Button browse = new Button("Browse…");
        browse.setId("experiment-browse");
        browse.setOnAction(e -> browseData(form));
        HBox dataRow = new HBox(6, data, browse);
        HBox.setHgrow(data, Priority.ALWAYS);
        Forms.row(g, "Dataset", dataRow, "The paired dataset's folder (the one open in the Data view unless you "
                + "choose another); depth pairs for Table 1, SOCKET and robust, flow pairs for the flow experiment");
        Forms.row(g, "Seeds", Forms.intSpinner("experiment-seeds", form.seedsProperty(), 1, ExperimentForm.MAX_SEEDS,
                1), "How many times each arm is fine-tuned with a different seed (the tables give mean and spread)");
        ComboBox<String> runOn = Forms.runOnChoice("experiment-run-on", form.onSlurmProperty());
        runOn.setMaxWidth(Double.MAX_VALUE);
        Forms.row(g, "Run on", runOn, "This machine trains the runs one after another in an engine process; Slurm "
                + "sends them to the cluster as jobs (xmodal submit experiment): each run waits for the runs it needs, "
                + "arms and seeds side by side as job arrays, then the summary. Slurm's options come from the cluster "
                + "profile (~/.config/xmodal/cluster.json); the folder of runs must be on a filesystem the nodes share");
        TextField name = new TextField();
        name.setId("experiment-name");
        name.textProperty().bindBidirectional(form.nameProperty());
        Forms.row(g, "Name", name, "The experiment's folder under experiments/ in the folder of runs");
        Label from = new Label();
        from.setWrapText(true);
        from.textProperty().bind(form.fromProperty());
        from.managedProperty().bind(form.fromProperty().isNotEmpty());
        Label problem = new Label();
        problem.setId("experiment-problem");
        problem.getStyleClass().add("problem-text");
        problem.setWrapText(true);
        problem.textProperty().bind(form.problemProperty());
        Button start = new Button("Start experiment");
        start.setId("experiment-start");
        start.disableProperty().bind(form.problemProperty().isNotEmpty());
        start.setOnAction(e -> vm.start());
        LazyTooltip.install(start, "Starts the experiment's engine in the background: it goes on if the window "
                + "closes, and its runs appear in Runs, Filters and Features as they start");

        ListView<ExperimentFolder> list = new ListView<>(vm.experiments());
        list.setId("experiment-list");
        list.setPlaceholder(new Label("No experiments in this folder yet"));
        list.setCellFactory(l -> new ExperimentCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.selectedProperty().set(n);
            }
        });
        vm.selectedProperty().addListener((obs, o, n) -> {
            if (n != null && list.getSelectionModel().getSelectedItem() != n) {
                list.getSelectionModel().select(n);
            }
        });
        Label listTitle = new Label("Experiments in this folder");
        listTitle.getStyleClass().add("section-title");
        VBox box = new VBox(8, g, from, problem, start, listTitle, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        return box;
    }

    private void browseData(ExperimentForm form) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Dataset of paired images");
        try {
            Path current = Path.of(form.dataProperty().get().strip());
            if (Files.isDirectory(current) && current.getParent() != null) {
                chooser.setInitialDirectory(current.getParent().toFile());
            }
        } catch (RuntimeException notAPath) {
            // the field holds no path yet: the chooser starts where it likes
        }
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            form.dataProperty().set(dir.getAbsolutePath());
        }
    }

    private Node right() {
        Label name = new Label();
        name.setId("experiment-selected");
        name.getStyleClass().add("run-title");
        name.textProperty().bind(Bindings.createStringBinding(() -> {
            ExperimentFolder e = vm.selectedProperty().get();
            if (e == null) {
                return "";
            }
            ExperimentKind k = e.kind();
            return e.name() + (k == null ? "" : " \u00b7 " + k.title());
        }, vm.selectedProperty()));
        Label status = new Label();
        status.setId("experiment-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        ProgressBar overall = new ProgressBar();
        overall.setId("experiment-progress");
        overall.setMaxWidth(Double.MAX_VALUE);
        overall.progressProperty().bind(vm.overallProperty());
        overall.visibleProperty().bind(vm.selectedProperty().isNotNull());
        Button open = new Button("Open in Results");
        open.setId("experiment-open");
        open.disableProperty().bind(vm.canOpenProperty().not());
        open.setOnAction(e -> vm.openSelected());
        Button stop = new Button("Stop");
        stop.setId("experiment-stop");
        LazyTooltip.install(stop, "Stops cleanly: the run under way checkpoints; Continue goes on from there");
        stop.disableProperty().bind(vm.canStopProperty().not());
        stop.setOnAction(e -> vm.stopSelected());
        Button resume = new Button("Continue");
        resume.setId("experiment-continue");
        LazyTooltip.install(resume, "Starts the experiment again: finished runs are reused, the interrupted one "
                + "resumes from its checkpoint");
        resume.disableProperty().bind(vm.canContinueProperty().not());
        resume.setOnAction(e -> vm.continueSelected());
        HBox buttons = new HBox(6, open, stop, resume);

        TableView<ExperimentsViewModel.StageRow> table = new TableView<>(vm.stages());
        table.setId("experiment-stages");
        table.setPlaceholder(new Label("The stages appear when the experiment has checked its data"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Stage", 220, ExperimentsViewModel.StageRow::label));
        table.getColumns().add(column("State", 220, ExperimentsViewModel.StageRow::state));
        TableColumn<ExperimentsViewModel.StageRow, Number> progress = new TableColumn<>("Progress");
        progress.setPrefWidth(130);
        progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().fraction()));
        progress.setCellFactory(c -> new BarCell());
        table.getColumns().add(progress);
        table.getColumns().add(column("Run", 260, ExperimentsViewModel.StageRow::run));

        TextArea log = new TextArea();
        log.setId("experiment-log");
        log.setEditable(false);
        log.getStyleClass().add("log");
        log.setPrefRowCount(8);
        log.textProperty().bind(vm.logProperty());
        log.textProperty().addListener((obs, o, n) -> log.setScrollTop(Double.MAX_VALUE));
        SplitPane stagesAndLog = new SplitPane(table, log);
        stagesAndLog.setOrientation(Orientation.VERTICAL);
        stagesAndLog.setDividerPositions(0.7);
        VBox box = new VBox(8, name, status, overall, buttons, stagesAndLog);
        VBox.setVgrow(stagesAndLog, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        return box;
    }

    private static TableColumn<ExperimentsViewModel.StageRow, String> column(String title, double width,
            java.util.function.Function<ExperimentsViewModel.StageRow, String> value) {
        TableColumn<ExperimentsViewModel.StageRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private static final class BarCell extends TableCell<ExperimentsViewModel.StageRow, Number> {
        private final ProgressBar bar = new ProgressBar();

        BarCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
        }

        @Override
        protected void updateItem(Number f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
            } else {
                bar.setProgress(f.doubleValue());
                setGraphic(bar);
            }
        }
    }

    private static final class ExperimentCell extends ListCell<ExperimentFolder> {
        @Override
        protected void updateItem(ExperimentFolder e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setText(null);
                return;
            }
            int total = e.stages().stages().size();
            String state = e.finished() ? "finished" : !e.problem().isEmpty() ? "unreadable"
                    : total == 0 ? "preparing or not started" : e.stages().done() + " of " + total + " stages";
            setText(e.name() + "  \u00b7  " + state);
        }
    }

    @Override
    public Node node() {
        return root;
    }

    public ExperimentsViewModel model() {
        return vm;
    }
}
