package org.xmodal.app.lesson;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.xmodal.app.task.Job;
import org.xmodal.app.task.Outcome;

/**
 * One screen of the lesson: a title, two or three sentences, and a live artefact made from the bundled data the
 * first time the screen is shown (its node is made then too). {@link #readyProperty()} turns true once the artefact is
 * on screen; {@link #statusProperty()} says what the step is doing meanwhile (loading, training, step 120 of 300).
 */
public abstract class LessonStep {
    private final String id;
    private final String title;
    private final String text;
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Node node;

    protected LessonStep(String id, String title, String text) {
        this.id = id;
        this.title = title;
        this.text = text;
    }

    /** A stable name for ids, file names and tests ("pairs", "hha", ...). */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String text() {
        return text;
    }

    /** The artefact's node, made on the first call; the step's work starts then. */
    public final Node node() {
        if (node == null) {
            node = build();
            node.setId("lesson-" + id + "-artefact");
            start();
        }
        return node;
    }

    /** Whether the node has been made (the step was shown). */
    public boolean shown() {
        return node != null;
    }

    /** Makes the artefact's node (on the UI thread, quickly: slow work goes to {@link #start}). */
    protected abstract Node build();

    /** Starts the work that fills the node in (off the UI thread); called once, after {@link #build}. */
    protected abstract void start();

    /**
     * Does what a presenter's first click on this screen would (the what-ifs run their first), for a walk through
     * the lesson without a person: the screenshots, the tests. Most screens need no click.
     */
    public void demonstrate() {
    }

    /**
     * A grid of the step's pictures, each cell growing with the screen, styled as the lesson's; {@code cells} are
     * added by the caller (with their spans) before or after.
     */
    protected static GridPane grid(Node... cellsInRows) {
        GridPane grid = new GridPane();
        grid.getStyleClass().addAll("lesson-artefact", "lesson-grid");
        int columns = (int) Math.ceil(Math.sqrt(cellsInRows.length));
        for (int c = 0; c < columns; c++) {
            ColumnConstraints even = new ColumnConstraints();
            even.setPercentWidth(100.0 / columns);
            grid.getColumnConstraints().add(even);
        }
        for (int i = 0; i < cellsInRows.length; i++) {
            grid.add(cellsInRows[i], i % columns, i / columns);
        }
        return grown(grid);
    }

    /** Lets every cell of {@code grid} grow with it. */
    protected static GridPane grown(GridPane grid) {
        if (!grid.getStyleClass().contains("lesson-grid")) {
            grid.getStyleClass().addAll("lesson-artefact", "lesson-grid");
        }
        for (Node n : grid.getChildren()) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        return grid;
    }

    /** Stops work in progress (the lesson is closed); a live run is stopped. */
    public void stop() {
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    protected void ready(boolean value) {
        ready.set(value);
    }

    protected void status(String value) {
        status.set(value);
    }

    /**
     * Runs {@code job} off the UI thread and hands its value to {@code done} on it; a failure becomes the step's
     * status, in the failure's own words (which name the file and the problem).
     */
    protected <T> void work(LessonMaterial material, String what, Job<T> job, Consumer<T> done) {
        status(what + " ...");
        material.context().work().start(what, job, outcome -> {
            if (outcome instanceof Outcome.Done<T> d) {
                status("");
                done.accept(d.value());
            } else if (outcome instanceof Outcome.Failed<T> f) {
                Throwable e = f.error();
                status("Could not finish (" + what.toLowerCase(java.util.Locale.ROOT) + "): "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } else {
                status(what + ": cancelled");
            }
        });
    }
}
