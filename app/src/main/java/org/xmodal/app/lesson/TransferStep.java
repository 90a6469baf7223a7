package org.xmodal.app.lesson;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.GridPane;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/**
 * Step 4: supervision transfer, live. A real transfer run (the CPU demo preset from the committed teacher) trains a
 * depth network on the HHA images while the class watches its loss fall, its conv1 filters form (a snapshot every
 * 25 steps) and its pool5 maps come to resemble the teacher's on the same pair (at each checkpoint).
 */
final class TransferStep extends LessonStep {
    static final int ITERATIONS = 300;
    static final int SNAPSHOT_EVERY = 25;
    private final LessonMaterial material;
    private final LossPlot loss = new LossPlot("lesson-transfer-loss", ITERATIONS);
    private final Pictures filters = new Pictures("lesson-transfer-filters", "Student's conv1 filters");
    private final Pictures teacher = new Pictures("lesson-transfer-teacher", "Teacher (RGB)");
    private final Pictures student = new Pictures("lesson-transfer-student", "Student (HHA)");
    private final Pictures error = new Pictures("lesson-transfer-error", "L2 error");
    private final Button again = new Button("Train again");
    private final Button gif = new Button("Save the filters' evolution as GIF...");
    private LessonRun run;
    private long probed = -1;
    private boolean probing;
    private LessonRun.Look last;

    TransferStep(LessonMaterial material) {
        super("transfer", "Supervision transfer, live", "The depth network (the student) sees only HHA and learns to "
                + "produce the teacher's pool5 maps of the paired RGB image; the loss is their squared distance. "
                + "Watch the loss fall, its filters form and its maps approach the teacher's (about a minute).");
        this.material = material;
    }

    @Override
    protected Node build() {
        again.setId("lesson-transfer-again");
        again.setDisable(true);
        again.setOnAction(e -> start());
        GridPane grid = new GridPane();
        grid.add(loss, 0, 0, 2, 1);
        grid.add(filters, 2, 0);
        grid.add(teacher, 0, 1);
        grid.add(student, 1, 1);
        grid.add(error, 2, 1);
        grown(grid);
        gif.setId("lesson-transfer-gif");
        gif.setDisable(true);
        gif.setOnAction(e -> saveGif());
        grid.add(new javafx.scene.layout.HBox(12, again, gif), 0, 2, 3, 1);
        return grid;
    }

    @Override
    protected void start() {
        again.setDisable(true);
        ready(false);
        probed = -1;
        status("Starting the transfer run ...");
        try {
            RunSpec spec = material.transferSpec("lesson-transfer", ITERATIONS, SNAPSHOT_EVERY);
            run = LessonRun.start(material.context(), spec, this::look, why -> {
                status("The transfer run failed: " + why);
                again.setDisable(false);
            });
        } catch (java.io.IOException | RuntimeException e) {
            status("Could not start the transfer run: " + e.getMessage());
            again.setDisable(false);
        }
    }

    private void look(LessonRun.Look look) {
        last = look;
        status(look.run().id() + ": " + look.describe());
        loss.show(look.loss(), look.status().totalSteps() > 0 ? look.status().totalSteps() : ITERATIONS,
                "Loss (teacher's pool5 vs student's)");
        look.filtersPicture().ifPresent(img -> filters.show(img, look.filters().orElseThrow().getFileName()
                .toString().replaceFirst("step-0*(\\d+)\\.png", "step $1") + look.structure().stream()
                .mapToObj(v -> String.format(Locale.ROOT, ", structure %.2f", v)).findFirst().orElse("")));
        probe();
        if (look.ended()) {
            again.setDisable(false);
            gif.setDisable(look.status().state() != RunStatus.State.FINISHED);
            if (look.status().state() == RunStatus.State.FINISHED && !probing
                    && look.checkpoint().orElse(-1L) == probed) {
                ready(true);
            }
            if (look.status().state() != RunStatus.State.FINISHED) {
                status(look.run().id() + " " + look.describe());
            }
        }
    }

    /** Compares the maps at the newest checkpoint, one comparison at a time. */
    private void probe() {
        LessonRun.Look look = last;
        if (probing || look == null || look.checkpoint().isEmpty() || look.checkpoint().get() == probed) {
            return;
        }
        probing = true;
        long step = look.checkpoint().get();
        material.context().work().start("Comparing the teacher's and the student's maps",
                (progress, cancel) -> FeatureLook.of(material, look, progress, cancel), outcome -> {
                    probing = false;
                    probed = step;
                    if (outcome instanceof org.xmodal.app.task.Outcome.Done<FeatureLook> d) {
                        FeatureLook f = d.value();
                        teacher.show(f.teacher(), "Its strongest " + f.layer() + " channel");
                        student.show(f.student(), "The same channel, step " + f.step());
                        error.show(f.error(), f.describe());
                        if (last.ended() && last.status().state() == RunStatus.State.FINISHED
                                && last.checkpoint().orElse(-1L) == step) {
                            ready(true);
                        }
                    } else if (outcome instanceof org.xmodal.app.task.Outcome.Failed<FeatureLook> f) {
                        status("Could not compare the maps: " + f.error().getMessage());
                    }
                    probe(); // a newer checkpoint may have come meanwhile
                });
    }

    private void saveGif() {
        if (last == null) {
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Save the student's conv1 evolution as an animated GIF");
        chooser.setInitialFileName("lesson-4-filters.gif");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Animated GIF", "*.gif"));
        java.io.File f = chooser.showSaveDialog(gif.getScene() == null ? null : gif.getScene().getWindow());
        if (f != null) {
            saveGif(f.toPath());
        }
    }

    /** Writes the finished run's conv1 evolution (every snapshot, step 0 included) to {@code file}. */
    void saveGif(java.nio.file.Path file) {
        java.nio.file.Path run = last.run().path();
        work(material, "Saving " + file.getFileName(), (progress, cancel) ->
                org.xmodal.app.filters.FiltersViewModel.writeEvolution(run, file),
                frames -> status("Saved " + file + " (" + frames + " frames)"));
    }

    @Override
    public void stop() {
        if (run != null) {
            run.stop();
        }
    }

    /** The run folder of the last run, once it has one. */
    java.util.Optional<LessonRun.Look> lastLook() {
        return java.util.Optional.ofNullable(last);
    }
}
