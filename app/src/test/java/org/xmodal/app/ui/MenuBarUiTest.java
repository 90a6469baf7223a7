package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.TestData;
import org.xmodal.app.menu.WorkbenchMenus;
import org.xmodal.app.results.RecentExperiments;
import org.xmodal.app.shell.RememberedSettings;
import org.xmodal.app.shell.SettingsFile;
import org.xmodal.app.shell.WindowMemory;
import org.xmodal.app.shell.WindowPlacement;
import org.xmodal.app.shell.WorkbenchSettings;

/**
 * The menu bar and its shortcuts on the real window, headless: Ctrl+O and the recent datasets, F1 and the method
 * brief, Ctrl+Q, and the window coming back where it was. Settings go to a folder of the test's own.
 */
@ExtendWith(ApplicationExtension.class)
class MenuBarUiTest {
    @TempDir
    static Path tmp;
    /** Written by each test before the window opens: what the window starts with. */
    private static WorkbenchSettings before = WorkbenchSettings.NONE;
    /** What the folder dialog answers. */
    private static Path chosen;

    private WorkbenchRobot workbench;
    private Stage stage;
    private SettingsFile settings;

    @Start
    void start(Stage primary) {
        // a stage of this test's own: the window-state handlers it gets must not follow other tests' windows
        stage = new Stage();
        settings = new SettingsFile(tmp.resolve("config-" + System.nanoTime()).resolve(SettingsFile.FILE));
        RememberedSettings remembered = new RememberedSettings(before, settings, Runnable::run);
        WorkbenchMenus.Setup menus = new WorkbenchMenus.Setup(remembered,
                new RecentExperiments(settings.file().resolveSibling("recent-experiments.txt")),
                (owner, title, startIn) -> Optional.ofNullable(chosen), Optional.empty());
        workbench = new WorkbenchRobot(stage, tmp.resolve("cache"), menus);
        WindowMemory.attach(stage, workbench.shell, remembered);
        remembered.followRunsFolder(workbench.context.runs().rootProperty()); // as WorkbenchApp does
    }

    @AfterEach
    void close() {
        workbench.close();
        WorkbenchRobot.onFx(() -> {
            List.copyOf(Window.getWindows()).stream().filter(w -> w != stage && w.isShowing())
                    .forEach(Window::hide); // help windows and dialogs
            stage.hide();
            return null;
        });
        before = WorkbenchSettings.NONE;
        chosen = null;
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.push(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks a menu of the menu bar by its title as shown (without the mnemonic's underscore). */
    private static void openMenu(FxRobot robot, String title) {
        java.util.function.Predicate<javafx.scene.Node> named = n -> n instanceof javafx.scene.control.Labeled l
                && l.getText() != null && l.getText().replace("_", "").equals(title);
        javafx.scene.Node button = WorkbenchRobot.onFx(() -> robot.lookup("#menu-bar").lookup(named).query());
        robot.clickOn(button);
    }

    private Menu menu(FxRobot robot, String id) {
        return WorkbenchRobot.onFx(() -> robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .flatMap(m -> java.util.stream.Stream.concat(java.util.stream.Stream.of(m), m.getItems().stream()))
                .filter(m -> id.equals(m.getId())).map(Menu.class::cast).findFirst().orElseThrow());
    }

    private List<String> items(FxRobot robot, String menuId) {
        return WorkbenchRobot.onFx(() -> menu(robot, menuId).getItems().stream().map(MenuItem::getText)
                .filter(t -> t != null).toList());
    }

    private static Path tinyDataset(String name) {
        Path dir = tmp.resolve(name);
        return java.nio.file.Files.isDirectory(dir) ? dir : TestData.tinySynth(dir, 2, 0);
    }

    @Test
    void ctrlOOpensTheChosenFolderAndTheRecentDatasetsListItFirst(FxRobot robot) {
        Path earlier = tinyDataset("earlier-rooms");
        before = WorkbenchSettings.NONE.withDatasetOpened(earlier);
        restart(robot);
        chosen = tinyDataset("chosen-rooms");

        shortcut(robot, KeyCode.O);
        WorkbenchRobot.waitUntil("the chosen dataset is open", () -> workbench.context.session().dataset() != null
                && workbench.context.session().dataset().root().equals(chosen));
        workbench.waitUntilIdle();

        openMenu(robot, "File");
        robot.moveTo("Open recent dataset");
        WorkbenchRobot.waitUntil("the recent datasets are shown", () -> robot.lookup("chosen-rooms  \u2014  " + tmp)
                .tryQuery().isPresent());
        assertEquals(List.of("chosen-rooms  \u2014  " + tmp, "earlier-rooms  \u2014  " + tmp, "Clear this list"),
                items(robot, "menu-recent-datasets"));
        // along the submenu's first row, then down: a diagonal from the File menu could cross its next item, which
        // closes the submenu
        robot.moveTo("chosen-rooms  \u2014  " + tmp);
        robot.clickOn("earlier-rooms  \u2014  " + tmp);
        WorkbenchRobot.waitUntil("the earlier dataset is open again", () -> workbench.context.session().dataset()
                .root().equals(earlier));
        assertEquals(List.of(earlier, chosen), settings.load().recentDatasets(), "saved as they were opened");
        workbench.assertNoProblems();
    }

    @Test
    void theFolderOfRunsChosenInTheMenuIsShownEverywhereAndRemembered(FxRobot robot) throws Exception {
        chosen = tmp.resolve("lab-runs");
        Path experiment = chosen.resolve("experiments").resolve("table1-a");
        java.nio.file.Files.createDirectories(experiment);
        openMenu(robot, "File");
        robot.clickOn("Folder of runs and experiments\u2026");
        WorkbenchRobot.waitUntil("the window shows the chosen folder", () -> workbench.context.runs().root()
                .equals(chosen));
        robot.clickOn("#nav-runs");
        WorkbenchRobot.waitUntil("Runs names it", () -> robot.lookup("#runs-folder").queryLabeled().getText()
                .equals(chosen.toString()));
        robot.clickOn("#nav-experiments");
        WorkbenchRobot.waitUntil("Experiments lists its experiment", () -> robot.lookup("#experiment-list")
                .queryListView().getItems().size() == 1);
        assertEquals(chosen, settings.load().runsFolder(), "remembered for the next session");
        assertEquals(chosen.resolve(org.xmodal.app.runs.EngineProcesses.LOGS),
                workbench.context.runsSetup().inspection().logFolder(), "the inspection process logs there too");
        if (System.getenv("XMODAL_RUNS") == null) { // a folder named for the session wins over the remembered one
            assertEquals(chosen, org.xmodal.app.runs.RunsSetup.remembered(settings.load().runsFolder()).root(),
                    "and the next session opens on it");
        }
        workbench.assertNoProblems();
    }

    @Test
    void aRecentDatasetThatWasDeletedSaysSoByName(FxRobot robot) {
        Path gone = tmp.resolve("deleted-rooms");
        before = WorkbenchSettings.NONE.withDatasetOpened(gone);
        restart(robot);
        workbench.waitUntilIdle();

        openMenu(robot, "File");
        robot.moveTo("Open recent dataset");
        String label = "deleted-rooms (not found: " + gone + ")";
        WorkbenchRobot.waitUntil("the missing dataset is listed", () -> robot.lookup(label).tryQuery().isPresent());
        robot.clickOn(label);

        WorkbenchRobot.waitUntil("a dialog says why", () -> robot.lookup("#problem-dialog").tryQuery().isPresent());
        assertTrue(workbench.problems.get(0).message().startsWith(gone + ": no longer exists"),
                workbench.problems.toString());
    }

    @Test
    void f1OpensTheGuideWithTheReadmesWorkbenchSection(FxRobot robot) {
        robot.push(KeyCode.F1);
        // drawn a few blocks per pulse: the pictures' captions come last
        WorkbenchRobot.waitUntil("the guide is drawn", () -> robot.lookup("#help-workbench-guide .md-caption")
                .queryAll().size() >= 10);

        List<String> headings = WorkbenchRobot.onFx(() -> robot.lookup("#help-workbench-guide .md-heading")
                .queryAll().stream().map(n -> ((javafx.scene.text.TextFlow) n).getChildren().stream()
                        .filter(Text.class::isInstance).map(t -> ((Text) t).getText()).collect(Collectors.joining()))
                .toList());
        assertEquals("The workbench", headings.get(0));
        // the section is drawn a few blocks per pulse: the later views' paragraphs may still be coming
        WorkbenchRobot.waitUntil("the views are described", () -> {
            String text = robot.lookup("#help-workbench-guide .md-text").queryAllAs(Text.class).stream()
                    .map(Text::getText).collect(Collectors.joining());
            return text.contains("Encoding lab") && text.contains("Experiments") && text.contains("Filters")
                    && text.contains("Results");
        });
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#help-workbench-guide .md-caption").queryAllAs(Label.class)
                .stream().anyMatch(l -> l.getText().startsWith("Data view"))), "screenshots come with captions");
        assertTrue(WorkbenchRobot.onFx(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && "Workbench guide \u00b7 xmodal".equals(s.getTitle()) && s.getOwner() == stage)));

        robot.push(KeyCode.F1); // again: the same window, not a second one
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, WorkbenchRobot.onFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s
                && "Workbench guide \u00b7 xmodal".equals(s.getTitle()) && s.isShowing()).count()));
        workbench.assertNoProblems();
    }

    @Test
    void theMethodBriefShowsItsTableOfArms(FxRobot robot) {
        openMenu(robot, "Help");
        robot.clickOn("Method brief");
        WorkbenchRobot.waitUntil("the brief is drawn", () -> robot.lookup("#help-method-brief .md-table").tryQuery()
                .isPresent());

        String table = WorkbenchRobot.onFx(() -> robot.lookup("#help-method-brief .md-table").queryAs(GridPane.class)
                .lookupAll(".md-text").stream().map(n -> ((Text) n).getText()).collect(Collectors.joining(" ")));
        assertTrue(table.contains("transfer-frozen"), table);
        workbench.assertNoProblems();
    }

    @Test
    void viewShortcutsAreTheViewMenusAndCtrlQClosesTheWindowRememberingIt(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT3);
        assertEquals("Runs", WorkbenchRobot.onFx(() -> workbench.shell.shownProperty().get()));
        assertTrue(WorkbenchRobot.onFx(() -> ((RadioMenuItem) menu(robot, "menu-view").getItems().get(2))
                .isSelected()), "the View menu marks the view shown");
        assertEquals("Shortcut+3", WorkbenchRobot.onFx(() -> menu(robot, "menu-view").getItems().get(2)
                .getAccelerator().getName()).replace("Ctrl", "Shortcut"));
        WorkbenchRobot.onFx(() -> {
            stage.setX(30);
            stage.setY(20);
            stage.setWidth(1100);
            stage.setHeight(720);
            return null;
        });

        shortcut(robot, KeyCode.Q);

        assertFalse(WorkbenchRobot.onFx(stage::isShowing), "the window closed");
        WorkbenchSettings saved = settings.load();
        assertEquals("Runs", saved.lastView());
        assertEquals(new WindowPlacement(30, 20, 1100, 720, false), saved.window());
    }

    @Test
    void theWindowComesBackWhereItWasOnTheViewItShowed(FxRobot robot) {
        before = WorkbenchSettings.NONE.withWindow(new WindowPlacement(60, 40, 1000, 700, false))
                .withLastView("Filters");
        restart(robot);

        assertEquals(List.of(60.0, 40.0, 1000.0, 700.0), WorkbenchRobot.onFx(() -> List.of(stage.getX(),
                stage.getY(), stage.getWidth(), stage.getHeight())));
        assertEquals("Filters", WorkbenchRobot.onFx(() -> workbench.shell.shownProperty().get()));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#nav-filters").queryAs(javafx.scene.control.ToggleButton
                .class).isSelected()));
    }

    /** Opens the window again with the settings this test wrote in {@link #before}. */
    private void restart(FxRobot robot) {
        WorkbenchSettings wanted = before;
        close();
        before = wanted;
        WorkbenchRobot.onFx(() -> {
            start(null);
            return null;
        });
        before = WorkbenchSettings.NONE;
        WaitForAsyncUtils.waitForFxEvents();
    }
}
