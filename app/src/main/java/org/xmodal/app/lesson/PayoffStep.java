package org.xmodal.app.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.results.Experiment;
import org.xmodal.app.results.ExperimentReader;
import org.xmodal.engine.experiment.ExperimentSummary;

/**
 * Step 7: the payoff, Table 1 of the paper on the bundled rooms (the committed result): per-class AP of detectors
 * fine-tuned from no initialisation, from the copied RGB filters, from the transferred depth network, and the late
 * fusion of the RGB and transferred detectors; "Open in Results" shows the mistakes of each, image by image.
 */
final class PayoffStep extends LessonStep {
    /** The arms shown, in the order the story is told. */
    static final List<String> ARMS = List.of("no-init", "copy-rgb", "transfer", "rgb+transfer");
    static final Map<String, String> LABELS = Map.of("no-init", "No init (scratch)", "copy-rgb", "Copy from RGB",
            "transfer", "Supervision transfer", "rgb+transfer", "RGB + transfer");
    private final LessonMaterial material;
    private final CategoryAxis classes = new CategoryAxis();
    private final NumberAxis ap = new NumberAxis(0, 100, 20);
    private final BarChart<String, Number> chart = new BarChart<>(classes, ap);
    private final Label means = new Label();

    PayoffStep(LessonMaterial material) {
        super("table1", "The payoff: detection with the transferred network", "Each depth network was then "
                + "fine-tuned to detect objects with the few labels we have. Starting from the transferred network "
                + "beats starting from scratch or from copied RGB filters, and adding it to an RGB detector beats "
                + "both alone: Table 1 of the paper, on the bundled rooms.");
        this.material = material;
    }

    @Override
    protected Node build() {
        chart.setId("lesson-table1-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        ap.setLabel("AP (%)");
        means.setId("lesson-table1-means");
        means.getStyleClass().add("lesson-figure");
        means.setWrapText(true);
        Button open = new Button("Open in Results: the mistakes, image by image");
        open.setId("lesson-table1-open");
        open.setOnAction(e -> material.context().experiments().request(material.table1()));
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(8, means, chart, new HBox(open));
        box.getStyleClass().add("lesson-artefact");
        return box;
    }

    @Override
    protected void start() {
        Path folder = material.table1();
        work(material, "Reading Table 1", (progress, cancel) -> ExperimentReader.read(folder, cancel), this::show);
    }

    private void show(Experiment e) {
        StringBuilder text = new StringBuilder("mAP:");
        for (String arm : ARMS) {
            ExperimentSummary.Arm a = e.summary().arms().get(arm);
            if (a == null) {
                continue;
            }
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(LABELS.get(arm));
            for (String c : e.classes()) {
                if (e.withoutTruth().contains(c)) {
                    continue;
                }
                ExperimentSummary.Stats s = a.perClass().get(c);
                series.getData().add(new XYChart.Data<>(c, s == null || Double.isNaN(s.mean()) ? 0 : 100 * s.mean()));
            }
            chart.getData().add(series);
            text.append(String.format(Locale.ROOT, "  %s %.1f", LABELS.get(arm), 100 * a.score().mean()));
        }
        means.setText(text + "  (" + e.seeds() + " seed" + (e.seeds() == 1 ? "" : "s") + ", made by ./xmodal "
                + "lesson-assets; see sample-data/lesson/PROVENANCE.md)");
        ready(!chart.getData().isEmpty());
    }
}
