package org.xmodal.app.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import javafx.scene.layout.Region;
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
    static final int SHOWN = 6;
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
        means.setMinHeight(Region.USE_PREF_SIZE);
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
                    mistakes.getChildren().setAll(avoided(found.get(0), found.get(1)));
                    mistakesText = found.stream().map(m -> m instanceof Mistakes.Found f ? f.summary()
                            : ((Mistakes.Unavailable) m).reason()).reduce((x, y) -> x + "\n" + y).orElse("");
                    ready(!chart.getData().isEmpty());
                });
        return true;
    }

    /**
     * The objects the scratch detector missed that the transferred one found, drawn, with both detectors' counts;
     * or why they cannot be shown.
     */
    private static Node avoided(Mistakes scratch, Mistakes transfer) {
        VBox box = new VBox(4);
        Label title = new Label();
        title.setId("lesson-table1-mistakes-title");
        title.getStyleClass().add("lesson-card-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().add(title);
        if (!(scratch instanceof Mistakes.Found a) || !(transfer instanceof Mistakes.Found b)) {
            Mistakes missing = scratch instanceof Mistakes.Unavailable ? scratch : transfer;
            title.setText("The detectors' mistakes cannot be shown: " + ((Mistakes.Unavailable) missing).reason());
            return box;
        }
        Set<String> missedByTransfer = b.missed().stream().map(PayoffStep::where).collect(Collectors.toSet());
        boolean complete = b.missedCount() <= b.missed().size() && a.missedCount() <= a.missed().size();
        List<Mistakes.Example> found = a.missed().stream().filter(x -> !missedByTransfer.contains(where(x))).toList();
        title.setText(String.format(Locale.ROOT, "%s: the scratch detector misses %d of %d objects, the transferred "
                + "one %d. %s", a.className(), a.missedCount(), a.truth(), b.missedCount(), complete
                ? found.size() + " of the scratch detector's misses that the transferred one finds:"
                : "Some of the scratch detector's misses:"));
        HBox pictures = new HBox(4);
        (complete ? found : a.missed()).stream().limit(SHOWN).forEach(x -> {
            ImageView v = new ImageView(FxImages.toFx(x.picture()));
            v.setFitHeight(72);
            v.setPreserveRatio(true);
            pictures.getChildren().add(v);
        });
        Label counts = new Label(String.format(Locale.ROOT, "False detections after NMS: scratch %d, transferred %d "
                + "(AP %.0f%% and %.0f%%).", a.falsePositiveCount(), b.falsePositiveCount(), 100 * a.ap(),
                100 * b.ap()));
        counts.setWrapText(true);
        counts.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().addAll(pictures, counts);
        return box;
    }

    /** An object by its image and box. */
    private static String where(Mistakes.Example x) {
        return x.imageId() + " " + x.box();
    }

    /** The mistakes' summary lines (empty until they are found). */
    String mistakesText() {
        return mistakesText;
    }
}
