package org.xmodal.app.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.fx.NextPulse;
import org.xmodal.engine.image.RgbImage;

/**
 * What the encoding labs share: the parameters scrolling on the left, the pictures in the middle, a footer with the
 * preview's summary, a busy spinner and the problem; and the "apply to dataset" box.
 */
final class LabLayout {
    private LabLayout() {
    }

    /** Rows of a section's grid added in one pulse: a row is a label and a field (a spinner is three controls). */
    private static final int ROWS_PER_PULSE = 1;
    /** Pictures added in one pulse: a tile is a title, a canvas, a legend and a placeholder. */
    private static final int TILES_PER_PULSE = 2;

    /**
     * A placeholder for the pictures now; then, each in a pulse of its own, the form with the first rows of its first
     * section, the footer, each further row of a section and the pictures: styling and laying out the whole
     * lab at once, and then even a whole section (the camera's seven fields), was the longest the window froze on
     * its first visit.
     */
    static void arrange(BorderPane pane, String id, VBox form, Supplier<Node> pictures, Node footer) {
        pane.setId(id);
        List<Node> sections = List.copyOf(form.getChildren());
        form.getChildren().clear();
        List<Runnable> steps = new ArrayList<>();
        for (Node section : sections) {
            List<List<Node>> rows = takeRows(section);
            steps.add(() -> form.getChildren().add(section));
            List<List<List<Node>>> pulses = groups(rows, ROWS_PER_PULSE);
            for (int r = 0; r < pulses.size(); r++) {
                List<Node> some = pulses.get(r).stream().flatMap(List::stream).toList();
                GridPane grid = (GridPane) ((TitledPane) section).getContent();
                Runnable add = () -> grid.getChildren().addAll(some);
                if (r == 0) {
                    // the section with its first rows: a titled pane is never shown empty
                    Runnable frame = steps.remove(steps.size() - 1);
                    steps.add(() -> {
                        add.run();
                        frame.run();
                    });
                } else {
                    steps.add(add);
                }
            }
        }
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(330);
        scroll.setMinWidth(300);
        Label waiting = new Label("Loading the pictures\u2026");
        waiting.getStyleClass().add("placeholder-text");
        pane.setCenter(waiting);
        // the first visit styles every kind of control for the first time, which costs several times what it costs
        // later: the form's frame with its first rows and the footer each get a pulse of their own too
        Runnable firstRows = steps.remove(0);
        steps.add(0, () -> {
            pane.setLeft(scroll);
            firstRows.run();
        });
        steps.add(1, () -> pane.setBottom(footer));
        steps.add(() -> showInTurn(pane, pictures.get()));
        NextPulse.inTurn(steps);
    }

    /**
     * The pictures' grid with its first tiles now and the others {@link #TILES_PER_PULSE} a pulse: six tiles styled,
     * laid out and drawn at once were the lab's longest pulse (50-90 ms of the FX thread, bench fx).
     */
    private static void showInTurn(BorderPane pane, Node pictures) {
        if (!(pictures instanceof GridPane grid) || grid.getChildren().isEmpty()) {
            pane.setCenter(pictures);
            return;
        }
        List<Node> tiles = List.copyOf(grid.getChildren());
        grid.getChildren().clear();
        List<Runnable> steps = new ArrayList<>();
        for (List<Node> some : groups(tiles, TILES_PER_PULSE)) {
            steps.add(() -> grid.getChildren().addAll(some));
        }
        steps.remove(0).run();
        pane.setCenter(grid);
        NextPulse.inTurn(steps);
    }

    /** {@code items} in order, {@code size} to a group (the last may have fewer): what one pulse adds. */
    private static <T> List<List<T>> groups(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }

    /**
     * The nodes of each row of a section whose content is a form grid, taken out of the grid (they keep their row
     * and column); none for any other section, which is added whole.
     */
    private static List<List<Node>> takeRows(Node section) {
        if (!(section instanceof TitledPane t) || !(t.getContent() instanceof GridPane grid)) {
            return List.of();
        }
        java.util.TreeMap<Integer, List<Node>> rows = new java.util.TreeMap<>();
        for (Node n : grid.getChildren()) {
            Integer row = GridPane.getRowIndex(n);
            rows.computeIfAbsent(row == null ? 0 : row, k -> new ArrayList<>()).add(n);
        }
        grid.getChildren().clear();
        return new ArrayList<>(rows.values());
    }

    static TitledPane section(String title, Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(false);
        return p;
    }

    /**
     * "Apply to dataset" (encode every pair into the cache), "Use in a new run" (a run form with these settings in its
     * encoding fields) and the line saying what the last application did.
     */
    static VBox applyBox(String buttonId, String resultId, Runnable apply, ObservableStringValue applied,
                         Runnable useInNewRun) {
        Button button = new Button("Apply to dataset");
        button.setId(buttonId);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setOnAction(e -> apply.run());
        Button use = new Button("Use in a new run");
        use.setId(buttonId.replace("apply-", "use-") + "-in-run");
        use.setMaxWidth(Double.MAX_VALUE);
        LazyTooltip.install(use, "Open a new run's form on this dataset with these settings as its encoding: the "
                + "network will see what this lab shows");
        use.setOnAction(e -> useInNewRun.run());
        Label result = new Label();
        result.setId(resultId);
        result.setWrapText(true);
        result.textProperty().bind(applied);
        return new VBox(6, button, use, result);
    }

    /** The preview's summary beside a spinner shown while it is computed, and the problem below when there is one. */
    static VBox footer(String summaryId, String problemId, ObservableValue<String> summary,
                       ObservableBooleanValue busy, ObservableStringValue problem) {
        Label text = new Label();
        text.setId(summaryId);
        text.textProperty().bind(summary);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(busy);
        Label problemLabel = new Label();
        problemLabel.setId(problemId);
        problemLabel.getStyleClass().add("problem-text");
        problemLabel.setWrapText(true);
        problemLabel.textProperty().bind(problem);
        problemLabel.managedProperty().bind(Bindings.isNotEmpty(problem));
        VBox box = new VBox(4, new HBox(8, spinner, text), problemLabel);
        box.getStyleClass().add("lab-footer");
        return box;
    }

    /** One picture of the current preview, or null while there is none. */
    static <P> ObjectBinding<RgbImage> picture(ObservableValue<P> preview, Function<P, RgbImage> f) {
        return Bindings.createObjectBinding(() -> preview.getValue() == null ? null : f.apply(preview.getValue()),
                preview);
    }

    /**
     * What a picture's tile says while it has no picture: {@code waiting} while the first preview is computed,
     * {@code absent} once a preview came without this picture (empty for none).
     */
    static <P> void waitsFor(ImageTile tile, ObservableValue<P> preview, ObservableBooleanValue busy, String waiting,
                             String absent) {
        tile.canvas().placeholderProperty().bind(Bindings.createStringBinding(() -> preview.getValue() != null
                ? absent : busy.get() ? waiting : "", preview, busy));
    }

    static <P> void waitsFor(ImageTile tile, ObservableValue<P> preview, ObservableBooleanValue busy, String waiting) {
        waitsFor(tile, preview, busy, waiting, "");
    }

    /** A preview's summary line, empty while there is none. */
    static <P> ObservableValue<String> summary(ObservableValue<P> preview, Function<P, String> f) {
        return Bindings.createStringBinding(() -> preview.getValue() == null ? "" : f.apply(preview.getValue()),
                preview);
    }
}
