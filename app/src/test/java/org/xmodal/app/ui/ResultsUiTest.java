package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
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
import org.xmodal.app.results.ApTable;
import org.xmodal.app.results.ResultsView;

/** The results view driven as a person would: an experiment's table appears, a cell clicked shows its mistakes. */
@ExtendWith(ApplicationExtension.class)
class ResultsUiTest {
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
        workbench = new WorkbenchRobot(stage, tmp.resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private static String text(FxRobot robot, String id) {
        return WorkbenchRobot.onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    /** The table cell of a class row and an arm's column. */
    @SuppressWarnings("unchecked")
    private static Node cell(FxRobot robot, String className, String arm) {
        return WorkbenchRobot.onFx(() -> robot.lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null && arm.equals(c.getTableColumn().getUserData())
                && c.getTableRow() != null && c.getTableRow().getItem() instanceof ApTable.Row r
                && r.label().equals(className)).query());
    }

    @Test
    void anExperimentsTableAppearsAndAClickedCellShowsItsFalsePositivesAndMissedObjects(FxRobot robot) {
        robot.clickOn("#nav-results");
        ResultsView view = WorkbenchRobot.onFx(() -> (ResultsView) workbench.shell.show("Results"));
        WorkbenchRobot.onFx(() -> {
            view.model().open(tiny.folder());
            return null;
        });
        TableView<?> table = WorkbenchRobot.onFx(() -> robot.lookup("#ap-table").queryTableView());
        WorkbenchRobot.waitUntil("the table is filled", () -> table.getItems().size() == 21
                && table.getColumns().size() == 5);
        workbench.waitUntilIdle();
        assertTrue(text(robot, "#experiment-title").contains("detection"), text(robot, "#experiment-title"));
        Node best = cell(robot, "chair", "transfer");
        assertEquals("100.0 \u00b1 0.0", WorkbenchRobot.onFx(() -> ((TableCell<?, ?>) best).getText()));
        assertTrue(WorkbenchRobot.onFx(() -> best.getStyleClass().contains("best-cell")), "best arm in bold");
        Node noInit = cell(robot, "chair", "no-init");
        assertFalse(WorkbenchRobot.onFx(() -> noInit.getStyleClass().contains("best-cell")));

        robot.clickOn(noInit);
        WorkbenchRobot.waitUntil("the mistakes are shown", () -> robot.lookup("#fp-0").tryQuery().isPresent());
        workbench.waitUntilIdle();
        String title = text(robot, "#mistakes-title");
        assertTrue(title.startsWith("chair \u00d7 no-init, seed 1"), title);
        assertTrue(title.contains("1 of 2 objects missed"), title);
        assertTrue(robot.lookup("#missed-0").tryQuery().isPresent(), "the missed chair on its image");
        assertFalse(robot.lookup("#missed-1").tryQuery().isPresent(), "only one chair was missed");
        String firstFp = WorkbenchRobot.onFx(() -> robot.lookup("#fp-0 .mistake-caption").queryAs(Label.class)
                .getText());
        assertTrue(firstFp.startsWith("#1 \u00b7 p 0.96 \u00b7 IoU 0.00"), firstFp);

        // sorting by the transfer column keeps the mAP and gain rows at the bottom
        Node header = WorkbenchRobot.onFx(() -> robot.lookup(".column-header").match(h -> h instanceof
                TableColumnHeader c && c.getTableColumn() != null
                && "transfer".equals(c.getTableColumn().getUserData())).query());
        robot.clickOn(header);
        WorkbenchRobot.waitUntil("the rows are sorted", () -> view.model().sortProperty().get() != null);
        assertEquals("gain over no-init", WorkbenchRobot.onFx(() -> ((ApTable.Row) table.getItems()
                .get(table.getItems().size() - 1)).label()));
        assertTrue(text(robot, "#mistakes-title").startsWith("chair \u00d7 no-init"), "the chosen cell stays chosen");
        workbench.assertNoProblems();
    }
}
