package org.xmodal.app.runs;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.fx.NextPulse;
import org.xmodal.app.shell.WorkbenchView;

/**
 * The runs view: a toolbar (new run, stop, resume, clone with changes, compare specs), the table of runs, and below
 * it the chosen run's page, the form of a new run, or the comparison of two specs.
 */
public final class RunsView implements WorkbenchView {
    private final RunsViewModel vm;
    private final BorderPane root = new BorderPane();

    public RunsView(WorkbenchContext context) {
        this.vm = new RunsViewModel(context);
        context.newRuns().handleWith(vm::newRunFrom);
        root.setId("runs-view");
        root.setTop(toolbar());
        StackPane lower = new StackPane();
        // the chosen run's page (its charts) a pulse after the toolbar and the table: styled together they kept the
        // view's first visit over a tenth of a second
        NextPulse.afterThis(() -> {
            RunPageView page = new RunPageView(vm.page());
            page.visibleProperty().bind(vm.modeProperty().isEqualTo(RunsViewModel.Mode.PAGE));
            lower.getChildren().add(0, page);
        });
        // the form (forty editors in two property sheets) and the comparison are made when first asked for, not
        // on the view's first visit, which they made take a quarter of a second longer
        lazily(lower, RunsViewModel.Mode.FORM, () -> new RunFormView(vm));
        lazily(lower, RunsViewModel.Mode.DIFF, () -> new SpecDiffView(vm));
        SplitPane split = new SplitPane(new RunTable(vm), lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        root.setCenter(split);
        RunWatchTimer.start(context.runs());
    }

    /** Adds the node {@code make} makes to {@code lower}, shown in {@code mode}, the first time the view is in it. */
    private void lazily(StackPane lower, RunsViewModel.Mode mode, java.util.function.Supplier<Node> make) {
        javafx.beans.value.ChangeListener<RunsViewModel.Mode> first = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends RunsViewModel.Mode> obs,
                                RunsViewModel.Mode o, RunsViewModel.Mode n) {
                if (n == mode) {
                    vm.modeProperty().removeListener(this);
                    Node node = make.get();
                    node.visibleProperty().bind(vm.modeProperty().isEqualTo(mode));
                    lower.getChildren().add(node);
                }
            }
        };
        vm.modeProperty().addListener(first);
        first.changed(vm.modeProperty(), null, vm.modeProperty().get());
    }

    private ToolBar toolbar() {
        Button create = button("new-run", "New run", "A run from a preset or by hand, as an engine process");
        create.setOnAction(e -> vm.newRun());
        Button stop = button("stop-run", "Stop", "Stop the chosen run cleanly (it writes a checkpoint first)");
        stop.setOnAction(e -> vm.stopSelected());
        stop.disableProperty().bind(vm.canStopProperty().not());
        Button resume = button("resume-run", "Resume", "Continue the chosen run from its last checkpoint");
        resume.setOnAction(e -> vm.resumeSelected());
        resume.disableProperty().bind(vm.canResumeProperty().not());
        Button clone = button("clone-run", "Clone with changes", "A new run with the chosen run's spec, to change");
        clone.setOnAction(e -> vm.cloneSelected());
        clone.disableProperty().bind(vm.canCloneProperty().not());
        Button compare = button("compare-runs", "Compare specs", "Choose two runs (Ctrl-click) to see how their specs"
                + " differ");
        compare.setOnAction(e -> vm.compareChosen());
        compare.disableProperty().bind(vm.canCompareProperty().not());
        Label notice = new Label();
        notice.setId("runs-notice");
        notice.getStyleClass().add("notice");
        notice.textProperty().bind(vm.noticeProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label folder = new Label();
        folder.textProperty().bind(vm.library().rootProperty().asString());
        folder.setId("runs-folder");
        folder.getStyleClass().add("runs-folder");
        folder.setMinWidth(0);
        Label problem = new Label();
        problem.getStyleClass().add("problem-text");
        problem.textProperty().bind(vm.library().problemProperty());
        return new ToolBar(create, stop, resume, clone, compare, notice, spacer, problem, folder);
    }

    private static Button button(String id, String text, String help) {
        Button b = new Button(text);
        b.setId(id);
        LazyTooltip.install(b, help);
        return b;
    }

    @Override
    public Node node() {
        return root;
    }

    public RunsViewModel model() {
        return vm;
    }
}
