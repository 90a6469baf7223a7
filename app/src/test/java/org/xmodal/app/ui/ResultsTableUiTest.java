package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.TinyExperiment;
import org.xmodal.app.Workbench;
import org.xmodal.app.results.ApTable;
import org.xmodal.app.results.ResultsView;

/** The per-class table at the window's default size: its summary in view, its scroll kept when gains are shown. */
@ExtendWith(ApplicationExtension.class)
class ResultsTableUiTest {
    @TempDir
    static Path tmp;
    private static TinyExperiment tiny;
    private WorkbenchRobot workbench;

    @BeforeAll
    static void writeExperiment() {
        tiny = TinyExperiment.write(tmp.resolve("made"));
    }

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("cache"), Workbench.WIDTH, Workbench.HEIGHT);
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private ResultsView openTheExperiment(FxRobot robot) {
        robot.clickOn("#nav-results");
        ResultsView view = WorkbenchRobot.onFx(() -> (ResultsView) workbench.shell.show("Results"));
        WorkbenchRobot.onFx(() -> {
            view.model().open(tiny.folder());
            return null;
        });
        WorkbenchRobot.waitUntil("the table is filled", () -> view.model().rows().size() == 21);
        workbench.waitUntilIdle();
        return view;
    }

    /** The rows of a kind that are drawn wholly inside the visible part of their table, in the window. */
    private static List<String> rowsInView(FxRobot robot, ApTable.Kind kind) {
        return WorkbenchRobot.onFx(() -> robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof TableRow<?> r && !r.isEmpty() && r.isVisible()
                        && r.getItem() instanceof ApTable.Row row && row.kind() == kind && inView(r))
                .map(n -> ((ApTable.Row) ((TableRow<?>) n).getItem()).label()).toList());
    }

    private static boolean inView(TableRow<?> row) {
        Node flow = row.getParent();
        while (flow != null && !(flow instanceof VirtualFlow<?>)) {
            flow = flow.getParent();
        }
        Bounds r = row.localToScene(row.getLayoutBounds());
        Bounds f = flow.localToScene(flow.getLayoutBounds());
        return r.getMinY() >= f.getMinY() - 0.5 && r.getMaxY() <= f.getMaxY() + 0.5
                && r.getMaxY() <= row.getScene().getHeight() && flow.isVisible();
    }

    private static VirtualFlow<?> classFlow(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> (VirtualFlow<?>) robot.lookup("#ap-table").queryTableView()
                .lookup(".virtual-flow"));
    }

    @Test
    void theMapAndGainRowsAreInViewWithoutScrolling(FxRobot robot) {
        openTheExperiment(robot);
        assertEquals(List.of("mAP"), rowsInView(robot, ApTable.Kind.MAP));
        assertEquals(List.of("gain over no-init"), rowsInView(robot, ApTable.Kind.GAIN));
        // scrolled to the top or to the bottom of the classes, the summary stays where it is
        TableView<?> classes = WorkbenchRobot.onFx(() -> robot.lookup("#ap-table").queryTableView());
        WorkbenchRobot.onFx(() -> {
            classes.scrollTo(classes.getItems().size() - 1);
            return null;
        });
        workbench.waitUntilIdle();
        assertEquals(List.of("mAP"), rowsInView(robot, ApTable.Kind.MAP));
        workbench.assertNoProblems();
    }

    @Test
    void showingGainsKeepsTheTableWhereItWasScrolled(FxRobot robot) {
        ResultsView view = openTheExperiment(robot);
        TableView<?> classes = WorkbenchRobot.onFx(() -> robot.lookup("#ap-table").queryTableView());
        // scrolled part of the way down (at this size, four rows fewer than the classes are in view)
        WorkbenchRobot.onFx(() -> {
            classes.scrollTo(2);
            return null;
        });
        workbench.waitUntilIdle();
        VirtualFlow<?> flow = classFlow(robot);
        int first = WorkbenchRobot.onFx(() -> flow.getFirstVisibleCell().getIndex());
        assertEquals(2, first, "the table was scrolled down");
        String firstClass = WorkbenchRobot.onFx(() -> ((ApTable.Row) classes.getItems().get(first)).label());

        robot.clickOn("#show-gains");
        // with gains in the cells the gain row is left out
        WorkbenchRobot.waitUntil("gains are shown", () -> view.model().gainsProperty().get()
                && view.model().rows().stream().noneMatch(r -> r.kind() == ApTable.Kind.GAIN));
        workbench.waitUntilIdle();
        IndexedCell<?> top = WorkbenchRobot.onFx(flow::getFirstVisibleCell);
        assertEquals(first, WorkbenchRobot.onFx(top::getIndex), "the same rows are in view");
        assertEquals(firstClass, WorkbenchRobot.onFx(() -> ((ApTable.Row) classes.getItems().get(first)).label()));

        robot.clickOn("#show-gains");
        WorkbenchRobot.waitUntil("values are shown again", () -> !view.model().gainsProperty().get());
        workbench.waitUntilIdle();
        assertEquals(first, WorkbenchRobot.onFx(() -> flow.getFirstVisibleCell().getIndex()));
        workbench.assertNoProblems();
    }
}
