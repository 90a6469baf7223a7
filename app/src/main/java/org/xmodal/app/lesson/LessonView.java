package org.xmodal.app.lesson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.fx.PngFiles;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.WorkbenchView;
import org.xmodal.engine.image.BadInputException;

/**
 * The lesson: eight screens that teach cross-modal distillation live on the bundled data, each two or three
 * sentences beside its artefact, moved through with the arrow keys (or Page Up / Page Down, as presentation
 * clickers send) and the buttons. Presenter mode shows the same screens full screen, in large type and high contrast
 * (Escape leaves it); every screen can be saved as a PNG for slides.
 */
public final class LessonView implements WorkbenchView {
    public static final String TITLE = WorkbenchContext.LESSON;
    private final StackPane holder = new StackPane();
    private final BorderPane screen = new BorderPane();
    private final Lesson lesson;
    private final Label counter = new Label();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label status = new Label();
    private final StackPane artefact = new StackPane();
    private final Button back = new Button("< Back");
    private final Button next = new Button("Next >");
    private final ToggleButton presenter = new ToggleButton("Presenter mode");
    private final List<Button> dots = new ArrayList<>();
    private final WorkbenchContext context;
    private Stage presenterStage;

    public LessonView(WorkbenchContext context) {
        this.context = context;
        holder.getStyleClass().add("lesson-holder");
        Lesson made;
        try {
            made = lessonOf(LessonMaterial.of(context));
        } catch (BadInputException e) {
            made = null;
            Label missing = new Label("The lesson cannot start: " + e.getMessage());
            missing.setId("lesson-missing");
            missing.setWrapText(true);
            holder.getChildren().add(missing);
        }
        lesson = made;
        if (lesson == null) {
            return;
        }
        screen.setId("lesson");
        screen.getStyleClass().add("lesson");
        build();
        holder.getChildren().add(screen);
        lesson.indexProperty().addListener((o, was, now) -> show());
        show();
        context.lessons().handleWith(lesson::go);
    }

    /** The eight steps, in teaching order. */
    static Lesson lessonOf(LessonMaterial m) {
        return new Lesson(List.of(new PairsStep(m), new HhaStep(m), new TeacherStep(m), new TransferStep(m),
                new MicroscopeStep(m), new WhatIfStep(m), new PayoffStep(m), new FlowStep(m)));
    }

    private void build() {
        counter.setId("lesson-counter");
        counter.getStyleClass().add("lesson-counter");
        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        text.setId("lesson-text");
        text.getStyleClass().add("lesson-text");
        text.setWrapText(true);
        status.setId("lesson-status");
        status.getStyleClass().add("lesson-status");
        status.setWrapText(true);
        presenter.setId("lesson-presenter");
        presenter.setOnAction(e -> presenter(presenter.isSelected()));
        Button save = new Button("Save screen as PNG...");
        save.setId("lesson-save");
        save.setOnAction(e -> chooseAndSave());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Region r : List.of(counter, presenter, save)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        title.setMinWidth(0);
        HBox top = new HBox(16, counter, title, spacer, presenter, save);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("lesson-top");
        HBox.setHgrow(title, Priority.SOMETIMES);

        VBox words = new VBox(16, text, status);
        words.getStyleClass().add("lesson-words");
        // the words keep their column whatever the artefact beside them asks for
        words.prefWidthProperty().bind(screen.widthProperty().multiply(0.27));
        words.minWidthProperty().bind(words.prefWidthProperty());
        words.maxWidthProperty().bind(words.prefWidthProperty());
        artefact.getStyleClass().add("lesson-stage");
        artefact.setMinSize(0, 0);
        HBox middle = new HBox(20, words, artefact);
        HBox.setHgrow(artefact, Priority.ALWAYS);
        middle.getStyleClass().add("lesson-middle");

        back.setMinWidth(Region.USE_PREF_SIZE);
        next.setMinWidth(Region.USE_PREF_SIZE);
        back.setId("lesson-back");
        back.setOnAction(e -> lesson.previous());
        next.setId("lesson-next");
        next.setOnAction(e -> lesson.next());
        HBox steps = new HBox(6);
        steps.setAlignment(Pos.CENTER);
        for (int i = 0; i < lesson.steps().size(); i++) {
            int k = i;
            Button dot = new Button(Integer.toString(i + 1));
            dot.setId("lesson-dot-" + (i + 1));
            dot.getStyleClass().add("lesson-dot");
            dot.setOnAction(e -> lesson.go(k));
            dot.setFocusTraversable(false);
            dots.add(dot);
            steps.getChildren().add(dot);
        }
        HBox.setHgrow(steps, Priority.ALWAYS);
        HBox bottom = new HBox(16, back, steps, next);
        bottom.setAlignment(Pos.CENTER);
        bottom.getStyleClass().add("lesson-bottom");

        screen.setTop(top);
        screen.setCenter(middle);
        screen.setBottom(bottom);
        // the keys work wherever the focus is in the window while the lesson is shown (the navigation's button
        // keeps it after a click), and in presenter mode's own window
        holder.sceneProperty().addListener((o, was, now) -> {
            if (now != null && now.getProperties().putIfAbsent(KEYS, Boolean.TRUE) == null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                    if (holder.isVisible() && screen.getScene() == now) {
                        key(e);
                    }
                });
            }
        });
    }

    private static final String KEYS = "xmodal.lesson.keys";

    private void key(KeyEvent e) {
        Object target = e.getTarget();
        boolean ownsArrows = target instanceof TextInputControl || target instanceof Slider
                || target instanceof ComboBoxBase<?>;
        KeyCode k = e.getCode();
        if (k == KeyCode.PAGE_DOWN || (k == KeyCode.RIGHT && !ownsArrows)) {
            lesson.next();
            e.consume();
        } else if (k == KeyCode.PAGE_UP || (k == KeyCode.LEFT && !ownsArrows)) {
            lesson.previous();
            e.consume();
        } else if (k == KeyCode.HOME && !ownsArrows) {
            lesson.go(0);
            e.consume();
        } else if (k == KeyCode.ESCAPE && presenterStage != null) {
            presenter(false);
            e.consume();
        } else if (k == KeyCode.F5) {
            presenter(presenterStage == null);
            e.consume();
        }
    }

    private void show() {
        LessonStep s = lesson.current();
        int i = lesson.indexProperty().get();
        counter.setText((i + 1) + " / " + lesson.steps().size());
        title.setText(s.title());
        text.setText(s.text());
        status.textProperty().bind(s.statusProperty());
        artefact.getChildren().setAll(s.node());
        back.setDisable(i == 0);
        next.setDisable(i == lesson.steps().size() - 1);
        for (int d = 0; d < dots.size(); d++) {
            dots.get(d).getStyleClass().remove("current");
            if (d == i) {
                dots.get(d).getStyleClass().add("current");
            }
        }
        // the arrow keys keep working whatever had the focus in the previous screen
        if (screen.getScene() != null && !(screen.getScene().getFocusOwner() instanceof TextInputControl)) {
            screen.requestFocus();
        }
    }

    /** Shows the lesson full screen in large type (on), or back in the window (off). */
    public void presenter(boolean on) {
        presenter(on, 0, 0);
    }

    /**
     * As {@link #presenter(boolean)}, in a window of {@code width x height} instead of full screen when both are
     * positive (a projector's size, for the screenshots).
     */
    public void presenter(boolean on, double width, double height) {
        if (lesson == null || on == (presenterStage != null)) {
            presenter.setSelected(presenterStage != null);
            return;
        }
        if (on) {
            Window owner = holder.getScene() == null ? null : holder.getScene().getWindow();
            presenterStage = new Stage();
            if (owner != null) {
                presenterStage.initOwner(owner);
            }
            presenterStage.setTitle("xmodal lesson");
            boolean window = width > 0 && height > 0;
            Scene scene = presenterScene(screen, window ? width : 1280, window ? height : 720,
                    owner == null ? null : owner.getScene());
            scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
            presenterStage.setScene(scene);
            presenterStage.setFullScreenExitHint("Escape leaves presenter mode; the arrow keys move through the "
                    + "lesson.");
            presenterStage.setOnHidden(e -> {
                if (presenterStage != null) {
                    presenter(false);
                }
            });
            presenterStage.setFullScreen(!window);
            presenterStage.show();
            screen.requestFocus();
        } else {
            Stage s = presenterStage;
            presenterStage = null;
            ((StackPane) s.getScene().getRoot()).getChildren().clear();
            screen.getStyleClass().remove("presenter");
            holder.getChildren().setAll(screen);
            s.hide();
        }
        presenter.setSelected(on);
    }

    /**
     * A scene of the lesson's screen in presenter style (large type, high contrast) at {@code width x height}, with
     * the workbench's style sheets; the screen leaves the window while it is in this scene.
     */
    static Scene presenterScene(Parent lessonScreen, double width, double height, Scene styledLike) {
        StackPane root = new StackPane(lessonScreen);
        root.getStyleClass().addAll("presenter-root");
        lessonScreen.getStyleClass().add("presenter");
        Scene scene = new Scene(root, width, height);
        scene.getProperties().put(KEYS, Boolean.TRUE);
        if (styledLike != null) {
            scene.getStylesheets().setAll(styledLike.getStylesheets());
        } else {
            scene.getStylesheets().add(org.xmodal.app.Workbench.class.getResource("workbench.css").toExternalForm());
        }
        return scene;
    }

    private void chooseAndSave() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save this screen as PNG");
        chooser.setInitialFileName(fileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        java.io.File f = chooser.showSaveDialog(screen.getScene() == null ? null : screen.getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            save(f.toPath());
        } catch (IOException e) {
            context.problems().report(new Problem("Could not save the screen", f + ": " + e.getMessage(),
                    "Choose a folder you can write to."));
        }
    }

    /** The file name a screen is saved under by default: {@code lesson-4-transfer.png}. */
    public String fileName() {
        return String.format(Locale.ROOT, "lesson-%d-%s.png", lesson.indexProperty().get() + 1, lesson.current().id());
    }

    /** Saves the screen as it is shown now (in the window, or presenter mode) as a PNG. */
    public void save(Path file) throws IOException {
        PngFiles.write(screen.snapshot(null, null), file);
    }

    @Override
    public Node node() {
        return holder;
    }

    /** The lesson (null when its material is missing). */
    public Lesson lesson() {
        return lesson;
    }

    /** The lesson's screen (for tests and the screenshots command). */
    public BorderPane screen() {
        return screen;
    }

    /** Whether the screen is in presenter mode. */
    public boolean presenting() {
        return presenterStage != null;
    }
}
