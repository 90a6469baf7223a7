package org.xmodal.app.runs;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.xmodal.app.WorkbenchContext;
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
        RunPageView page = new RunPageView(vm.page());
        RunFormView form = new RunFormView(vm);
        SpecDiffView diff = new SpecDiffView(vm);
        StackPane lower = new StackPane(page, form, diff);
        page.visibleProperty().bind(vm.modeProperty().isEqualTo(RunsViewModel.Mode.PAGE));
        form.visibleProperty().bind(vm.modeProperty().isEqualTo(RunsViewModel.Mode.FORM));
        diff.visibleProperty().bind(vm.modeProperty().isEqualTo(RunsViewModel.Mode.DIFF));
        SplitPane split = new SplitPane(new RunTable(vm), lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        root.setCenter(split);
        RunWatchTimer.start(context.runs());
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
        b.setTooltip(new Tooltip(help));
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
