package org.xmodal.app.lesson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.task.Outcome;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/**
 * Step 6: what-ifs, each a short real transfer run (100 steps) of the step 4 spec changed in one place: the transfer
 * at conv1 instead of pool5, no adaptation layer, or the student starting from the RGB teacher's own filters.
 */
final class WhatIfStep extends LessonStep {
    static final int ITERATIONS = 100;

    /** One what-if: its run's name, what it changes, and what to look for. */
    record WhatIf(String id, String title, String explanation, UnaryOperator<RunSpec> change) {
    }

    private final LessonMaterial material;
    private final List<Card> cards = new ArrayList<>();
    private LessonRun running;

    WhatIfStep(LessonMaterial material) {
        super("what-ifs", "What if ...?", "Each button runs the same transfer for 100 steps with one thing changed. "
                + "At conv1 the paper expects nothing useful: depth's low-level statistics are not colour's. Compare "
                + "the error of each student's maps with the teacher's.");
        this.material = material;
        for (WhatIf w : whatIfs(material)) {
            cards.add(new Card(w));
        }
    }

    static List<WhatIf> whatIfs(LessonMaterial material) {
        return List.of(
                new WhatIf("conv1", "Transfer at conv1", "Match the teacher's first layer instead of pool5.",
                        s -> s.toBuilder().name("lesson-whatif-conv1")
                                .teacher(new RunSpec.Teacher(s.teacher().source(), s.teacher().architecture(),
                                        s.teacher().weights(), "conv1", s.teacher().cache()))
                                .student(new RunSpec.Student(s.student().architecture(), "conv1", s.student().init(),
                                        s.student().weightInit())).build()),
                new WhatIf("no-adaptation", "No adaptation layer", "The student's pool5 itself must equal the "
                        + "teacher's, channel for channel.",
                        s -> s.toBuilder().name("lesson-whatif-no-adaptation")
                                .adaptation(new RunSpec.Adaptation(s.adaptation().matchNorms(),
                                        s.adaptation().matchTo(), s.adaptation().loss(), false)).build()),
                new WhatIf("copy", "Copy the RGB filters", "Start the depth network from the teacher's weights, "
                        + "then transfer.",
                        s -> s.toBuilder().name("lesson-whatif-copy")
                                .student(new RunSpec.Student(s.student().architecture(), s.student().tap(),
                                        material.teacherRun().toString(), s.student().weightInit())).build()));
    }

    @Override
    protected Node build() {
        GridPane row = new GridPane();
        row.getStyleClass().addAll("lesson-artefact", "lesson-grid");
        for (int i = 0; i < cards.size(); i++) {
            ColumnConstraints third = new ColumnConstraints();
            third.setPercentWidth(100.0 / cards.size());
            row.getColumnConstraints().add(third);
            Card c = cards.get(i);
            c.box.setMinWidth(0);
            GridPane.setVgrow(c.box, Priority.ALWAYS);
            row.add(c.box, i, 0);
        }
        return row;
    }

    @Override
    protected void start() {
        // nothing runs until a what-if is chosen: each is a run of its own, started by its button
    }

    /** Runs the first what-if, transfer at conv1, unless one has run or is running. */
    @Override
    public void demonstrate() {
        if (cards.stream().noneMatch(c -> c.done || c.button.isDisabled())) {
            run("conv1");
        }
    }

    /** Starts what-if {@code id} (as its button does). */
    void run(String id) {
        cards.stream().filter(c -> c.whatIf.id().equals(id)).findFirst().orElseThrow().start();
    }

    /** Whether what-if {@code id}'s run has finished and its result is shown. */
    boolean done(String id) {
        return cards.stream().filter(c -> c.whatIf.id().equals(id)).findFirst().orElseThrow().done;
    }

    private void busy(boolean on) {
        cards.forEach(c -> c.button.setDisable(on));
    }

    @Override
    public void stop() {
        if (running != null) {
            running.stop();
        }
    }

    private final class Card {
        final WhatIf whatIf;
        final VBox box = new VBox(6);
        final Button button;
        final LossPlot loss;
        final Pictures filters;
        final Label result = new Label();
        boolean done;

        Card(WhatIf w) {
            this.whatIf = w;
            box.setId("lesson-whatif-" + w.id());
            box.getStyleClass().add("lesson-card");
            Label title = new Label(w.title());
            title.getStyleClass().add("lesson-card-title");
            Label what = new Label(w.explanation());
            what.setWrapText(true);
            title.setWrapText(true);
            button = new Button("Run it (" + ITERATIONS + " steps)");
            button.setId("lesson-whatif-" + w.id() + "-run");
            button.setOnAction(e -> start());
            loss = new LossPlot("lesson-whatif-" + w.id() + "-loss", ITERATIONS);
            loss.setPrefHeight(120);
            filters = new Pictures("lesson-whatif-" + w.id() + "-filters", "conv1 after the run");
            result.setWrapText(true);
            result.setId("lesson-whatif-" + w.id() + "-result");
            // the words keep their lines; the loss and the filters take what is left
            for (Label l : List.of(title, what, result)) {
                l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            loss.setMinHeight(60);
            VBox.setVgrow(filters, Priority.ALWAYS);
            box.getChildren().addAll(title, what, button, loss, filters, result);
        }

        void start() {
            busy(true);
            done = false;
            result.setText("Starting ...");
            try {
                RunSpec spec = whatIf.change().apply(material.transferSpec("lesson-whatif", ITERATIONS,
                        ITERATIONS / 2));
                running = LessonRun.start(material.context(), spec, this::look, why -> {
                    result.setText("The run failed: " + why);
                    busy(false);
                });
            } catch (IOException | RuntimeException e) {
                result.setText("Could not start the run: " + e.getMessage());
                busy(false);
            }
        }

        private void look(LessonRun.Look look) {
            loss.show(look.loss(), ITERATIONS, "Loss");
            result.setText(look.describe());
            if (!look.ended()) {
                return;
            }
            busy(false);
            if (look.status().state() != RunStatus.State.FINISHED) {
                return;
            }
            look.filtersPicture().ifPresent(img -> filters.show(img, look.structure().stream().mapToObj(v ->
                    String.format(Locale.ROOT, "structure %.2f (random 0.17)", v)).findFirst().orElse("")));
            material.context().work().start("Comparing " + whatIf.title(), (progress, cancel) ->
                    FeatureLook.of(material, look, progress, cancel), outcome -> {
                        double first = look.loss().isEmpty() ? Double.NaN : look.loss().get(look.loss().firstKey());
                        double end = look.loss().isEmpty() ? Double.NaN : look.loss().get(look.loss().lastKey());
                        String losses = String.format(Locale.ROOT, "Loss %.3g -> %.3g (%.0f%% of its start).",
                                first, end, 100 * end / first);
                        if (outcome instanceof Outcome.Done<FeatureLook> d) {
                            result.setText(losses + " " + d.value().describe() + ".");
                        } else if (outcome instanceof Outcome.Failed<FeatureLook> f) {
                            result.setText(losses + " Could not compare the maps: " + f.error().getMessage());
                        }
                        done = true;
                        ready(true);
                    });
        }
    }
}
