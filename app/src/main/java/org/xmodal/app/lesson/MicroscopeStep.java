package org.xmodal.app.lesson;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.FxImages;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.app.runs.InspectionProcess;
import org.xmodal.engine.transfer.TransferMicroscope;
import org.xmodal.viz.FilterPictures;

/**
 * Step 5: one SGD step under the microscope, in the inspection process (kept open there between steps): the batch
 * (RGB for the teacher, HHA for the student), its loss, the gradient of the loss on conv1 drawn as filters, the
 * update (minus the rate times the gradient), and the loss after. "Take a step" takes the next by hand on the same
 * batch.
 */
final class MicroscopeStep extends LessonStep {
    static final int BATCH = 8;
    /**
     * Rates to try. Measured on the lesson's batch (the transfer preset's Caffe-initialised student, plain SGD):
     * 1e-4 lowers the loss by about 0.1-0.3 % a step, 1e-3 by 1-7 % before it overshoots at the third step, 1e-2
     * raises it at once.
     */
    static final List<Double> RATES = List.of(1e-5, 1e-4, 3e-4, 1e-3, 1e-2);
    static final double DEFAULT_RATE = 3e-4;
    private final LessonMaterial material;
    private final HBox batch = new HBox(4);
    private final Label loss = new Label("Loss on this batch: ...");
    private final Pictures weights = new Pictures("lesson-step-weights", "conv1");
    private final Pictures gradient = new Pictures("lesson-step-gradient", "Its gradient");
    private final Pictures update = new Pictures("lesson-step-update", "The update");
    private final Button step = new Button("Take one SGD step");
    private final ComboBox<Double> rate = new ComboBox<>();
    private final Button fresh = new Button("New student");
    private InspectionProcess.OpenMicroscope microscope;

    /** The microscope opened off the UI thread, with its batch's pictures and loss. */
    private record Opened(InspectionProcess.OpenMicroscope microscope, List<RgbImage[]> images, double loss) {
    }
    private int taken;

    MicroscopeStep(LessonMaterial material) {
        super("sgd", "One SGD step under the microscope", "One step: the loss on a batch of pairs, its gradient (the "
                + "direction in which each weight would raise the loss), and every weight moved a little the other "
                + "way. Step again by hand; a larger rate moves faster until it overshoots.");
        this.material = material;
    }

    @Override
    protected Node build() {
        batch.setId("lesson-sgd-batch");
        loss.setId("lesson-sgd-loss");
        loss.getStyleClass().add("lesson-figure");
        loss.setWrapText(true);
        step.setId("lesson-sgd-step");
        step.setDisable(true);
        step.setOnAction(e -> takeStep());
        rate.setId("lesson-sgd-rate");
        rate.getItems().setAll(RATES);
        rate.setValue(DEFAULT_RATE);
        rate.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : "rate " + String.format(Locale.ROOT, "%.0e", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("rate ", ""));
            }
        });
        GridPane filters = new GridPane();
        filters.getStyleClass().add("lesson-grid");
        filters.add(weights, 0, 0);
        filters.add(gradient, 1, 0);
        filters.add(update, 2, 0);
        for (Node n : filters.getChildren()) {
            javafx.scene.layout.ColumnConstraints third = new javafx.scene.layout.ColumnConstraints();
            third.setPercentWidth(100.0 / 3);
            filters.getColumnConstraints().add(third);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        VBox.setVgrow(filters, Priority.ALWAYS);
        fresh.setId("lesson-sgd-new");
        fresh.setDisable(true);
        fresh.setOnAction(e -> {
            stop();
            batch.getChildren().clear();
            start();
        });
        VBox box = new VBox(8, batch, new HBox(12, step, rate, fresh), loss, filters);
        box.getStyleClass().add("lesson-artefact");
        return box;
    }

    @Override
    protected void start() {
        step.setDisable(true);
        fresh.setDisable(true);
        taken = 0;
        work(material, "Preparing a batch of " + BATCH + " pairs", (progress, cancel) -> {
            InspectionProcess.OpenMicroscope m = material.context().runsSetup().inspection().openMicroscope(
                    material.transferSpec("lesson-sgd", 1, 1), BATCH, material.context().cache().root(), cancel);
            return new Opened(m, m.opened().images(), m.opened().loss());
        }, opened -> {
            microscope = opened.microscope();
            for (RgbImage[] pair : opened.images()) {
                VBox both = new VBox(2, thumb(pair[0]), thumb(pair[1]));
                batch.getChildren().add(both);
            }
            loss.setText(String.format(Locale.ROOT, "Loss on this batch: %.4g. Take a step.", opened.loss()));
            step.setDisable(false);
            takeStep();
        });
    }

    private static ImageView thumb(RgbImage img) {
        ImageView v = new ImageView(FxImages.toFx(img));
        v.setFitWidth(64);
        v.setPreserveRatio(true);
        return v;
    }

    private void takeStep() {
        InspectionProcess.OpenMicroscope m = microscope;
        if (m == null) {
            return;
        }
        step.setDisable(true);
        double lr = rate.getValue() == null ? DEFAULT_RATE : rate.getValue();
        work(material, "Taking a step", (progress, cancel) -> m.step(lr), this::show);
    }

    private void show(TransferMicroscope.Step s) {
        long[] shape = {s.filters(), s.channels(), s.kernel(), s.kernel()};
        weights.show(FilterPictures.composite(FilterPictures.Filters.of(shape, s.conv1Before()), 4),
                s.filters() + " filters of " + s.kernel() + "x" + s.kernel() + " before step " + s.number());
        gradient.show(FilterPictures.composite(FilterPictures.Filters.of(shape, s.conv1Gradient()), 4),
                String.format(Locale.ROOT, "Each scaled to its own range; largest %.3g",
                        maxAbs(s.conv1Gradient())));
        update.show(FilterPictures.composite(FilterPictures.Filters.of(shape, s.conv1Update()), 4),
                String.format(Locale.ROOT, "- rate %.0e x gradient: no weight moves more than %.3g",
                        s.learningRate(), maxAbs(s.conv1Update())));
        loss.setText(String.format(Locale.ROOT, "Step %d: loss %.4g before, %.4g after (%+.2f%%).", s.number(),
                s.lossBefore(), s.lossAfter(), 100 * (s.lossAfter() - s.lossBefore()) / s.lossBefore()));
        taken++;
        step.setDisable(false);
        fresh.setDisable(false);
        ready(true);
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** How many steps were taken here. */
    int taken() {
        return taken;
    }

    @Override
    public void stop() {
        if (microscope != null) {
            microscope.close();
            microscope = null;
        }
    }
}
