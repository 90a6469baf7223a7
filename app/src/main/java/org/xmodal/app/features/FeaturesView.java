package org.xmodal.app.features;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.data.PairText;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunWatchTimer;
import org.xmodal.app.shell.WorkbenchView;
import org.xmodal.engine.data.Pair;

/**
 * The features view: a transfer run and a pair of its dataset; the error over the image, the student's input, and
 * one channel of the teacher's and of the student's feature maps on the same scale, with the error on its own.
 */
public final class FeaturesView implements WorkbenchView {
    private final FeaturesViewModel vm;
    private final BorderPane root = new BorderPane();

    public FeaturesView(WorkbenchContext context) {
        this.vm = new FeaturesViewModel(context);
        root.setId("features-view");
        root.setTop(toolbar());
        root.setCenter(tiles());
        Label summary = new Label();
        summary.setId("features-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        HBox footer = new HBox(8, busy, summary);
        footer.getStyleClass().add("viewer-footer");
        root.setBottom(footer);
        RunWatchTimer.start(context.runs());
    }

    private ToolBar toolbar() {
        ComboBox<RunRecord> run = new ComboBox<>(vm.runs());
        run.setId("features-run");
        run.setPromptText("No transfer run with a checkpoint yet");
        run.setPrefWidth(300);
        run.valueProperty().bindBidirectional(vm.runProperty());
        ComboBox<Pair> pair = new ComboBox<>(vm.pairs());
        pair.setId("features-pair");
        pair.setPrefWidth(340);
        pair.setVisibleRowCount(16);
        pair.setCellFactory(l -> new PairCell());
        pair.setButtonCell(new PairCell());
        pair.valueProperty().bindBidirectional(vm.pairProperty());
        Spinner<Integer> channel = new Spinner<>();
        channel.setId("features-channel");
        channel.setEditable(true);
        channel.setPrefWidth(90);
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
        f.maxProperty().bind(Bindings.max(0, vm.channelsProperty().subtract(1)));
        channel.setValueFactory(f);
        f.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.channelProperty().set(n);
            }
        });
        vm.channelProperty().addListener((obs, o, n) -> f.setValue(n.intValue()));
        LazyTooltip.install(channel, "The channel of the transfer layer shown; it starts at the one where the "
                + "teacher responds most on this image");
        Label of = new Label();
        of.textProperty().bind(Bindings.format("of %d", vm.channelsProperty()));
        return new ToolBar(new Label("Run"), run, new Label("Pair"), pair, new Label("Channel"), channel, of);
    }

    private GridPane tiles() {
        ImageTile overlay = new ImageTile("features-overlay", "Where the student differs: L2 error over the image")
                .show(vm.overlayProperty()).legend(vm.errorLegendProperty());
        ImageTile paired = new ImageTile("features-input", "What the student sees").show(vm.pairedProperty());
        ImageTile error = new ImageTile("features-error", "Per-location L2 error").show(vm.errorMapProperty());
        ImageTile teacher = new ImageTile("features-teacher", "Teacher (RGB), this channel")
                .show(vm.teacherMapProperty()).legend(vm.channelLegendProperty());
        ImageTile student = new ImageTile("features-student", "Student + adaptation, this channel")
                .show(vm.studentMapProperty()).legend(vm.channelLegendProperty());
        GridPane g = new GridPane();
        g.getStyleClass().add("lab-grid");
        g.setHgap(8);
        g.setVgap(8);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            g.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            g.getRowConstraints().add(rc);
        }
        g.add(overlay, 0, 0);
        g.add(paired, 1, 0);
        g.add(error, 2, 0);
        g.add(teacher, 0, 1);
        g.add(student, 1, 1);
        Label how = new Label("Teacher and student maps share one colour scale: the same colour is the same "
                + "activation. The student's maps are its transfer layer through the 1x1 adaptation, which is what "
                + "the loss compares with the teacher's.");
        how.setWrapText(true);
        how.getStyleClass().add("placeholder-text");
        VBox box = new VBox(how);
        box.setMinSize(0, 0);
        g.add(box, 2, 1);
        // while the networks run (the first time, the PyTorch engine is loaded too) the tiles say so, not nothing
        var waiting = Bindings.createStringBinding(() -> vm.busyProperty().get() ? "Running the teacher and the "
                + "student on this pair\u2026" : vm.runs().isEmpty() ? "Transfer runs with a checkpoint show here"
                : "", vm.busyProperty(), vm.runs());
        for (ImageTile t : new ImageTile[] {overlay, paired, error, teacher, student}) {
            t.canvas().placeholderProperty().bind(waiting);
        }
        return g;
    }

    private static final class PairCell extends ListCell<Pair> {
        @Override
        protected void updateItem(Pair p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : PairText.describe(p));
        }
    }

    @Override
    public Node node() {
        return root;
    }

    public FeaturesViewModel model() {
        return vm;
    }
}
