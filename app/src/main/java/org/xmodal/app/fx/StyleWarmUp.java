package org.xmodal.app.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

/**
 * Gets JavaFX's styling and layout code compiled before the views are first shown. A view's first visit styles and
 * lays out a few hundred new nodes in one pulse, and with that code still interpreted, or compiled only by the quick
 * compiler, it cost two to three times what the same nodes cost once the just-in-time compiler had seen that code a
 * few thousand times (a form of 24 rows: 150 ms the first time after its classes were loaded, 15 ms the hundredth).
 * So, on the FX thread, small pieces made of the controls the views use (form rows, lists, tables, tool bars,
 * sections) are styled and laid out in a scene of their own that no window shows, and dropped.
 * It has to be the FX thread: JavaFX 21 measures text with one layout object that all threads share, and styling
 * controls on another thread corrupted the window's own text measuring.
 * <p>
 * The warm-up takes what the window leaves of a pulse: it works after the window's own styling and layout (a
 * post-layout listener of the window's scene), for at most {@link #BUDGET_NANOS}, and not at all in a pulse whose
 * own styling and layout took {@link #WINDOW_WORK_NANOS} or more (a view's first visit) or that follows a long one.
 * A piece is styled in one pulse and laid out in a later one, and the first pieces of the dearest kinds are made
 * smaller (a table without rows, then with one): bench fx, a table's first piece took 90-103 ms in one pulse while
 * a view was first visited, the worst gap of two runs in five.
 * <p>
 * {@link #ROWS} form rows come first, from the window's opening; then, once {@link #addHeavy()} says the controls'
 * classes are loaded and initialised, {@link #MIXED} pieces of every kind.
 */
public final class StyleWarmUp {
    /** FX-thread time a pulse gives the warm-up (a step started is finished). */
    static final long BUDGET_NANOS = 4_000_000;
    /** The window's own styling and layout in a pulse from which on the warm-up leaves that pulse alone. */
    static final long WINDOW_WORK_NANOS = 6_000_000;
    /** Form rows styled first: about 1,500 nodes. */
    static final int ROWS = 300;
    /**
     * Pieces of every kind styled once {@link #addHeavy()} has been called: about 8,000 nodes. Twice the 330 it was:
     * bench fx, runs taken in turns with the two values on the same machine, the worst gap of each run was 61-97 ms
     * in 16 runs (median 67) against 70-121 ms in 14 (median 80, two over 100); the first visits' worst gaps 53.8 ms
     * on average against 57.4, and the run's start 48-83 ms against 52-121. Three times (990): 64-135 ms, two of 8
     * runs over 100, the styling then still going on during the last views' first visits. None at all: 84-169 ms.
     * A later batch of ten runs with 660 had four over 100 ms, three of them in the Features view's first visit as
     * it loaded PyTorch into the window's process: batches an hour apart differ by more than these values do.
     */
    static final int MIXED = 660;
    /** A pulse this long after the one before follows work of the window's: the warm-up waits for the next. */
    static final long BUSY_NANOS = 25_000_000;

    /** A kind of piece: made from its number among all pieces and how many of its kind were made before. */
    @FunctionalInterface
    private interface Kind {
        Node make(int n, int before);
    }

    /** Rows of a form, as the run form and the labs have: a label and a field, spinner, combo box or choice box. */
    private static final List<Kind> LIGHT = List.of(
            (n, before) -> row("Number", new TextField(Integer.toString(n))),
            (n, before) -> row("Whole", editable(new Spinner<>(0, 100, n % 100))),
            (n, before) -> row("Real", editable(new Spinner<>(0.0, 1.0, 0.5, 0.1))),
            (n, before) -> row("Kind", new ComboBox<>(FXCollections.observableArrayList("teacher", "transfer"))),
            (n, before) -> row("Split", new ChoiceBox<>(FXCollections.observableArrayList("train", "test"))),
            (n, before) -> row(new CheckBox("Check"), new Hyperlink("Browse\u2026")));
    /** Groups of controls whose first styling costs several pulses' worth. */
    private static final List<Kind> HEAVY = List.of(StyleWarmUp::toolbar, StyleWarmUp::section,
            StyleWarmUp::list, StyleWarmUp::table, StyleWarmUp::tabs, StyleWarmUp::chart);

    private final Scene window;
    /**
     * Lays each piece out at its preferred size. (A stack pane stretched lists and tables to its 800 by 600, and their
     * layout then made and styled a screenful of empty cells: single pulses of 20-29 ms of the FX thread, profiled.)
     */
    private final Pane root = new Pane();
    private final List<Kind> kinds = new ArrayList<>(LIGHT);
    /** How many pieces of each kind (by its place in {@link #kinds}) were made. */
    private final int[] made = new int[LIGHT.size() + HEAVY.size()];
    private final int mixed;
    private final Consumer<Node> styledOne;
    private final Runnable done;
    private final AnimationTimer pulses = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulseStarted(now);
        }
    };
    private final Runnable afterLayout = this::afterWindowLayout;
    /** Pieces styled so far, and how many to style before stopping (the rows, then also the mixed pieces). */
    private int styled;
    private int target;
    private boolean heavy;
    private boolean running;
    /** The piece styled but not laid out yet, or null. */
    private Node half;
    private long lastPulse = -1;
    /** When (System.nanoTime) this pulse's turn of the timers came; -1 when this pulse is left alone. */
    private long pulseStart = -1;

    StyleWarmUp(Scene window, int rows, int mixed, Consumer<Node> styledOne, Runnable done) {
        this.window = window;
        this.target = rows;
        this.mixed = mixed;
        this.styledOne = styledOne;
        this.done = done;
        Scene scene = new Scene(root, 800, 600);
        scene.getStylesheets().setAll(window.getStylesheets());
    }

    /**
     * Starts styling form rows in the following pulses, with the style sheets of {@code window} (the window's
     * scene), after its own styling and layout; {@code done} runs on the FX thread after the last piece. Call on the
     * FX thread.
     */
    public static StyleWarmUp start(Scene window, Runnable done) {
        StyleWarmUp w = new StyleWarmUp(window, ROWS, MIXED, piece -> { }, done);
        w.start();
        return w;
    }

    /**
     * From now on lists, tables, tabs, sections and tool bars are styled too, in turn with the rows, {@link #MIXED}
     * pieces more (once; the warm-up waits for this after its rows). FX thread.
     */
    public void addHeavy() {
        if (!heavy) {
            heavy = true;
            kinds.addAll(HEAVY);
            target = styled + mixed;
            lastPulse = -1;
            start();
        }
    }

    void start() {
        if (!running) {
            running = true;
            pulses.start();
            window.addPostLayoutPulseListener(afterLayout);
        }
    }

    private void stop() {
        running = false;
        pulses.stop();
        window.removePostLayoutPulseListener(afterLayout);
        pulseStart = -1;
    }

    /** The start of a pulse (the animation timers' turn, before any scene is styled). */
    private void pulseStarted(long now) {
        boolean windowBusy = lastPulse >= 0 && now - lastPulse > BUSY_NANOS;
        lastPulse = now;
        pulseStart = windowBusy ? -1 : System.nanoTime();
    }

    /** After the window's styling and layout in a pulse: a step or a few, if the window left the time. */
    private void afterWindowLayout() {
        long started = pulseStart;
        pulseStart = -1;
        if (!running || started < 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - started >= WINDOW_WORK_NANOS) {
            return;
        }
        long until = now + BUDGET_NANOS;
        while (running && System.nanoTime() < until) {
            step();
        }
    }

    /** Lays out the piece styled last time, or styles the next one; stops after the last. */
    private void step() {
        if (half != null) {
            root.layout();
            root.getChildren().clear();
            Node piece = half;
            half = null;
            styled++;
            styledOne.accept(piece);
        } else if (styled < target) {
            int kind = styled % kinds.size();
            half = kinds.get(kind).make(styled, made[kind]++);
            root.getChildren().setAll(half);
            root.applyCss();
        }
        if (half == null && styled >= target) {
            stop();
            if (heavy) {
                done.run();
            }
        }
    }

    /** The root pieces are styled in (empty between pieces). */
    Pane root() {
        return root;
    }

    private static Node row(String label, Node field) {
        return row(new Label(label), field);
    }

    /** A row of a form: a label (or a check box) and its field, as the run form and the labs have. */
    private static Node row(Node label, Node field) {
        GridPane form = Forms.grid();
        form.addRow(0, label, field);
        return form;
    }

    private static <T> Spinner<T> editable(Spinner<T> s) {
        s.setEditable(true);
        return s;
    }

    /** A titled section in a scroll pane, with a progress bar and a slider under it. */
    private static Node section(int n, int before) {
        GridPane grid = new GridPane();
        grid.addRow(0, new Label("Field"), new TextField("value " + n));
        TitledPane section = new TitledPane("Section " + n, grid);
        section.setAnimated(false);
        return new VBox(6, new ScrollPane(section), new ProgressBar(0.4), new Slider(0, 1, 0.3));
    }

    private static Node list(int n, int before) {
        ListView<String> list = new ListView<>(FXCollections.observableArrayList("pair " + n, "pair 2", "pair 3"));
        list.setPrefHeight(120);
        return list;
    }

    /**
     * A table of classes: the first without rows and with one column, the second with one row, then three rows of
     * two columns (a first table in one piece took a pulse of 90-103 ms).
     */
    private static Node table(int n, int before) {
        List<String> rows = List.of("bed", "chair", "sofa").subList(0, before < 2 ? before : 3);
        TableView<String> table = new TableView<>(FXCollections.observableArrayList(rows));
        for (String name : before < 2 ? new String[] {"class"} : new String[] {"class", "mAP " + n}) {
            TableColumn<String, String> col = new TableColumn<>(name);
            col.setCellValueFactory(c -> new SimpleStringProperty(c.getValue()));
            table.getColumns().add(col);
        }
        table.setPrefHeight(140);
        return table;
    }

    private static Node toolbar(int n, int before) {
        MenuButton menu = new MenuButton("Open", null, new MenuItem("Folder"));
        return new ToolBar(new Button("Start " + n), new ToggleButton("Blink"), menu, new Separator(),
                new Label("status"));
    }

    /**
     * A chart of one curve in a chart viewer, as the Runs view's tiles and the Results view show: its layout draws the
     * chart. The Runs view's first visit used to make the window's first chart viewer, about 9 ms of one pulse (its
     * classes initialised, its lambdas linked, its export menu looking for optional libraries), and draw the first
     * charts, about 8 ms (async-profiler, bench fx).
     */
    private static Node chart(int n, int before) {
        DrawOnceChartViewer viewer = new DrawOnceChartViewer(ChartWarmUp.sampleChart("loss " + n).chart());
        viewer.setPrefSize(240, 140);
        return viewer;
    }

    /** Tabs of notes beside a split: the first a tab pane alone, with a label (a first one took 30-36 ms). */
    private static Node tabs(int n, int before) {
        if (before == 0) {
            return new TabPane(new Tab("Notes", new Label("notes " + n)));
        }
        TextArea notes = new TextArea("notes " + n);
        notes.setPrefRowCount(2);
        TabPane tabs = new TabPane(new Tab("Notes", notes), new Tab("More", new Label("more")));
        return new SplitPane(tabs, new HBox(6, new Label("Split"), new Button("Apply")));
    }
}
