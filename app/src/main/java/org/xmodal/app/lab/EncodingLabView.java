package org.xmodal.app.lab;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.data.PairText;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.shell.WorkbenchView;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.PairedDataset;

/**
 * The encoding lab: tune HHA (depth datasets) or optical flow (frame-pair datasets) on the pair chosen in the data
 * view and watch every picture update, then encode the whole dataset with those parameters. Each half's pane is
 * made the first time a dataset of its kind is shown: the other's would only cost the first visit time.
 */
public final class EncodingLabView implements WorkbenchView {
    private final WorkbenchContext context;
    private final HhaLabViewModel hha;
    private final FlowLabViewModel flow;
    private final BorderPane root = new BorderPane();
    private HhaLabPane hhaPane;
    private FlowLabPane flowPane;
    private final Label empty = new Label("Open a dataset in the Data view to tune its encodings");

    public EncodingLabView(WorkbenchContext context) {
        this.context = context;
        this.hha = new HhaLabViewModel(context);
        this.flow = new FlowLabViewModel(context);
        root.setId("encoding-lab");
        root.setTop(toolbar());
        context.session().datasetProperty().addListener((obs, o, ds) -> showFor(ds));
        showFor(context.session().dataset());
    }

    private ToolBar toolbar() {
        Button prev = new Button("\u25c0");
        prev.setId("lab-previous-pair");
        LazyTooltip.install(prev, "Previous pair");
        prev.setOnAction(e -> context.session().step(-1));
        Button next = new Button("\u25b6");
        next.setId("lab-next-pair");
        LazyTooltip.install(next, "Next pair");
        next.setOnAction(e -> context.session().step(1));
        Label pair = new Label();
        pair.setId("lab-pair");
        pair.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var p = context.session().selectedPairProperty().get();
            return p == null ? "No pair chosen" : PairText.describe(p);
        }, context.session().selectedPairProperty()));
        return new ToolBar(prev, next, pair);
    }

    private void showFor(PairedDataset ds) {
        if (ds == null) {
            root.setCenter(empty);
        } else if (ds.modality() == Modality.DEPTH) {
            if (hhaPane == null) {
                hhaPane = new HhaLabPane(hha);
            }
            root.setCenter(hhaPane);
        } else {
            if (flowPane == null) {
                flowPane = new FlowLabPane(flow);
            }
            root.setCenter(flowPane);
        }
    }

    @Override
    public Node node() {
        return root;
    }

    public HhaLabViewModel hhaModel() {
        return hha;
    }

    public FlowLabViewModel flowModel() {
        return flow;
    }
}
