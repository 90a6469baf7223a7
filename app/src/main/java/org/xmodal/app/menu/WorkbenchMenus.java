package org.xmodal.app.menu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.xmodal.app.help.HelpDocument;
import org.xmodal.app.help.HelpWindows;
import org.xmodal.app.results.RecentExperiments;
import org.xmodal.app.shell.FolderChooser;
import org.xmodal.app.shell.RememberedSettings;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.WorkbenchShell;
import org.xmodal.engine.BuildInfo;

/**
 * The main window's menu bar: File (open a dataset or an experiment, the recent ones, quit), View (one item per
 * view, with its Ctrl+1, Ctrl+2, ...) and Help (the README's workbench section, the method brief, about). The views
 * keep their own buttons; the menu is the same actions with the usual shortcuts.
 */
public final class WorkbenchMenus {
    /**
     * What the menus need beyond the window's context.
     *
     * @param remembered  the settings the window changes (recent datasets among them)
     * @param experiments the recent experiments, which Results keeps
     * @param chooser     asks for a folder
     * @param browser     opens a web address, when the desktop has a browser
     */
    public record Setup(RememberedSettings remembered, RecentExperiments experiments, FolderChooser chooser,
                        Optional<Consumer<String>> browser) {
        /** Settings remembered only while the window is open: screenshots, the bench, tests not about settings. */
        public static Setup inMemory() {
            return new Setup(RememberedSettings.inMemory(), RecentExperiments.standard(), FolderChooser.desktop(),
                    Optional.empty());
        }
    }

    private final WorkbenchShell shell;
    private final Setup setup;
    private final MenuBarViewModel vm;
    private final HelpWindows help;
    private final MenuBar bar = new MenuBar();

    public WorkbenchMenus(WorkbenchShell shell, Setup setup) {
        this.shell = shell;
        this.setup = setup;
        this.vm = new MenuBarViewModel(shell.context(), setup.remembered(), setup.experiments());
        this.help = new HelpWindows(shell.context().executor(), shell.context().problems(), this::window,
                setup.browser());
        bar.setId("menu-bar");
        bar.getMenus().addAll(file(), view(), help());
    }

    public MenuBar bar() {
        return bar;
    }

    public MenuBarViewModel model() {
        return vm;
    }

    private Menu file() {
        Menu file = new Menu("_File");
        file.setId("menu-file");
        MenuItem openDataset = item("menu-open-dataset", "Open dataset\u2026", this::chooseDataset);
        openDataset.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        Menu recentDatasets = new Menu("Open recent dataset");
        recentDatasets.setId("menu-recent-datasets");
        MenuItem clear = item("menu-clear-recent-datasets", "Clear this list", vm::forgetRecentDatasets);
        fill(recentDatasets, vm.recentDatasets(), vm::openRecentDataset, "No dataset opened yet", clear);
        MenuItem openExperiment = item("menu-open-experiment", "Open experiment\u2026", this::chooseExperiment);
        openExperiment.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        Menu recentExperiments = new Menu("Recent experiments");
        recentExperiments.setId("menu-recent-experiments");
        fill(recentExperiments, vm.recentExperiments(), vm::openRecentExperiment, "No experiment opened yet", null);
        MenuItem runsFolder = item("menu-runs-folder", "Folder of runs and experiments\u2026", () -> choose(
                "Folder of runs and experiments (its runs, and experiments/<name>/)",
                shell.context().runs().root(), shell.context().runs()::switchTo));
        MenuItem mlflow = item("menu-mlflow", "MLflow tracking server\u2026", this::chooseMlflow);
        MenuItem quit = item("menu-quit", "Quit", this::quit);
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        file.getItems().addAll(openDataset, recentDatasets, new SeparatorMenuItem(), openExperiment,
                recentExperiments, new SeparatorMenuItem(), runsFolder, mlflow, new SeparatorMenuItem(), quit);
        file.setOnShowing(e -> vm.refresh()); // folders may have come or gone since the lists were checked
        return file;
    }

    /** Keeps a submenu listing {@code recent}; with none, says so in a disabled item. */
    private static void fill(Menu menu, ObservableList<MenuBarViewModel.Recent> recent,
                             Consumer<MenuBarViewModel.Recent> open, String none, MenuItem last) {
        Runnable refill = () -> {
            List<MenuItem> items = new java.util.ArrayList<>();
            for (MenuBarViewModel.Recent r : recent) {
                MenuItem i = new MenuItem(r.label());
                i.setMnemonicParsing(false);
                i.getStyleClass().add(r.missing() ? "recent-missing" : "recent");
                i.setOnAction(e -> open.accept(r));
                items.add(i);
            }
            if (items.isEmpty()) {
                MenuItem empty = new MenuItem(none);
                empty.setDisable(true);
                items.add(empty);
            } else if (last != null) {
                items.add(new SeparatorMenuItem());
                items.add(last);
            }
            menu.getItems().setAll(items);
        };
        refill.run();
        recent.addListener((ListChangeListener<MenuBarViewModel.Recent>) c -> refill.run());
    }

    private Menu view() {
        Menu view = new Menu("_View");
        view.setId("menu-view");
        ToggleGroup group = new ToggleGroup();
        int i = 1;
        for (String title : shell.titles()) {
            RadioMenuItem item = new RadioMenuItem(title);
            item.setId("menu-view-" + id(title));
            item.setToggleGroup(group);
            item.setSelected(title.equals(shell.shownProperty().get()));
            if (i <= 9) {
                item.setAccelerator(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + i),
                        KeyCombination.SHORTCUT_DOWN));
            }
            item.setOnAction(e -> shell.show(title));
            shell.shownProperty().addListener((obs, o, shown) -> item.setSelected(title.equals(shown)));
            view.getItems().add(item);
            i++;
        }
        return view;
    }

    private Menu help() {
        Menu menu = new Menu("_Help");
        menu.setId("menu-help");
        MenuItem guide = item("menu-guide", HelpDocument.GUIDE.title(), () -> help.show(HelpDocument.GUIDE));
        guide.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        MenuItem methods = item("menu-methods", HelpDocument.METHODS.title(), () -> help.show(HelpDocument.METHODS));
        MenuItem about = item("menu-about", "About xmodal", this::about);
        menu.getItems().addAll(guide, methods, new SeparatorMenuItem(), about);
        return menu;
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }

    private static String id(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private Window window() {
        return shell.getScene() == null ? null : shell.getScene().getWindow();
    }

    /** Asks for the MLflow tracking server of new runs; an address that is not one is said, and nothing changes. */
    private void chooseMlflow() {
        javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog(vm.mlflowTracking());
        ask.initOwner(window());
        ask.setTitle("MLflow tracking server");
        ask.setHeaderText("New runs also log to this MLflow tracking server: the spec as parameters, the curves, the "
                + "final weights.\nEmpty: none (a run's folder always has everything, TensorBoard's files included).");
        ask.setContentText("Address (e.g. http://localhost:5000):");
        ask.getEditor().setId("mlflow-server");
        ask.showAndWait().flatMap(vm::setMlflowTracking).ifPresent(why -> shell.context().problems().report(
                new Problem("MLflow tracking server not changed", why, "Type the server's address as "
                        + "http://host:port, or leave it empty for none.")));
    }

    private void chooseDataset() {
        choose("Open a dataset folder (dataset.json, or rgb/ and depth/, or video frames)", vm.datasetParent(),
                vm::openDataset);
    }

    private void chooseExperiment() {
        choose("Open an experiment (the folder given to ./xmodal experiment --out)", null, vm::openExperiment);
    }

    private void choose(String title, Path startIn, Consumer<Path> then) {
        setup.chooser().choose(window(), title, startIn).ifPresent(then);
    }

    /**
     * Closes the window as its close button does: the close request goes through the window's handlers (which
     * remember its state, or could keep it open), then JavaFX hides it, and the workbench exits with its last window.
     * Runs started from it go on: they are engine processes of their own.
     */
    private void quit() {
        Window w = window();
        if (w != null) {
            w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
        }
    }

    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        alert.setTitle("About xmodal");
        alert.setHeaderText("xmodal " + BuildInfo.get().version() + " \u00b7 cross-modal distillation workbench");
        Label engine = new Label();
        engine.setId("about-engine");
        engine.setWrapText(true);
        engine.textProperty().bind(shell.status().engineProperty().map(e -> "Engine: " + e));
        Function<String, Label> line = s -> {
            Label l = new Label(s);
            l.setWrapText(true);
            return l;
        };
        VBox content = new VBox(8, engine,
                line.apply("Java " + System.getProperty("java.version") + " \u00b7 JavaFX "
                        + System.getProperty("javafx.runtime.version", "?")),
                line.apply(setup.remembered().location().map(p -> "Settings: " + p)
                        .orElse("Settings: kept only while this window is open")));
        content.setPrefWidth(520);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("about-dialog");
        Window w = window();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.show();
    }
}
