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
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.FxImages;
import org.xmodal.app.results.Experiment;
import org.xmodal.app.results.ExperimentReader;
import org.xmodal.app.results.Mistakes;
import org.xmodal.engine.experiment.ExperimentSummary;

/**
 * Step 7: the payoff, Table 1 of the paper on the bundled rooms (the committed result): per-class AP of detectors
 * fine-tuned from no initialisation, from the copied RGB filters, from the transferred depth network, and the late
 * fusion of the RGB and transferred detectors; "Open in Results" shows the mistakes of each, image by image.
 */
final class PayoffStep extends LessonStep {
    /** The arms shown, in the order the story is told. */
    static final List<String> ARMS = List.of("no-init", "copy-rgb", "transfer", "rgb+transfer");
    /** How many false positives of each detector are drawn. */
    static final int SHOWN = 4;
    static final Map<String, String> LABELS = Map.of("no-init", "No init (scratch)", "copy-rgb", "Copy from RGB",
            "transfer", "Supervision transfer", "rgb+transfer", "RGB + transfer");
    private final LessonMaterial material;
    private final CategoryAxis classes = new CategoryAxis();
    private final NumberAxis ap = new NumberAxis(0, 100, 20);
    private final BarChart<String, Number> chart = new BarChart<>(classes, ap);
    private final Label means = new Label();
    private final HBox mistakes = new HBox(16);
    private String mistakesText = "";

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
        mistakes.setId("lesson-table1-mistakes");
        mistakes.getStyleClass().add("lesson-grid");
        VBox box = new VBox(8, means, chart, mistakes, new HBox(open));
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
        if (!showMistakes(e)) {
            ready(!chart.getData().isEmpty());
        }
    }

    /**
     * The scratch detector's mistakes on the class where transfer gains most, beside the transferred detector's on
     * the same class: their highest-scoring false positives, and how many objects each missed.
     */
    private boolean showMistakes(Experiment e) {
        ExperimentSummary.Arm scratch = e.summary().arms().get("no-init");
        ExperimentSummary.Arm transfer = e.summary().arms().get("transfer");
        if (scratch == null || transfer == null) {
            return false;
        }
        String best = null;
        double gain = Double.NEGATIVE_INFINITY;
        for (String c : e.classes()) {
            ExperimentSummary.Stats a = scratch.perClass().get(c);
            ExperimentSummary.Stats b = transfer.perClass().get(c);
            if (a != null && b != null && !e.withoutTruth().contains(c) && b.mean() - a.mean() > gain) {
                gain = b.mean() - a.mean();
                best = c;
            }
        }
        if (best == null) {
            return false;
        }
        String className = best;
        work(material, "Finding the detectors' mistakes on " + className, (progress, cancel) -> List.of(
                Mistakes.find(e, "no-init", 1, className, cancel), Mistakes.find(e, "transfer", 1, className, cancel)),
                found -> {
                    mistakes.getChildren().setAll(found.stream().map(PayoffStep::column).toList());
                    mistakesText = found.stream().map(m -> m instanceof Mistakes.Found f ? f.summary()
                            : ((Mistakes.Unavailable) m).reason()).reduce((x, y) -> x + "\n" + y).orElse("");
                    ready(!chart.getData().isEmpty());
                });
        return true;
    }

    private static Node column(Mistakes m) {
        String who = LABELS.getOrDefault(m.arm(), m.arm());
        VBox col = new VBox(4);
        col.setMinWidth(0);
        HBox.setHgrow(col, Priority.ALWAYS);
        Label title = new Label();
        title.getStyleClass().add("lesson-card-title");
        title.setWrapText(true);
        col.getChildren().add(title);
        if (m instanceof Mistakes.Found f) {
            title.setText(String.format(Locale.ROOT, "%s on %s: %d false positives, %d of %d objects missed", who,
                    m.className(), f.falsePositiveCount(), f.missedCount(), f.truth()));
            HBox pictures = new HBox(4);
            f.falsePositives().stream().limit(SHOWN).forEach(x -> {
                ImageView v = new ImageView(FxImages.toFx(x.picture()));
                v.setFitHeight(72);
                v.setPreserveRatio(true);
                pictures.getChildren().add(v);
            });
            col.getChildren().add(pictures);
        } else {
            title.setText(who + " on " + m.className() + ": " + ((Mistakes.Unavailable) m).reason());
        }
        return col;
    }

    /** The mistakes' summary lines (empty until they are found). */
    String mistakesText() {
        return mistakesText;
    }
}
