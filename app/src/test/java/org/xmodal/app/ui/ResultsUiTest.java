package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import java.util.List;
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
import org.xmodal.app.HandWrittenRobustExperiment;
import org.xmodal.app.HandWrittenSocketExperiment;
import org.xmodal.app.TinyExperiment;
import org.xmodal.app.results.ApTable;
import org.xmodal.app.results.ResultsView;
import org.xmodal.app.results.ResultsViewModel;
import org.xmodal.app.results.SeedRun;
import org.xmodal.engine.experiment.SocketArm;

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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void scrollToLastColumn(TableView table) {
        table.scrollToColumn((javafx.scene.control.TableColumn) table.getColumns().get(table.getColumns().size() - 1));
    }

    /** The labels of the summary rows pinned under the class table. */
    private static List<String> totals(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> robot.lookup("#ap-totals").queryTableView().getItems().stream()
                .map(r -> ((ApTable.Row) r).label()).toList());
    }

    /** The header of an arm's column. */
    private static TableColumnHeader header(FxRobot robot, String arm) {
        return WorkbenchRobot.onFx(() -> (TableColumnHeader) robot.lookup(".column-header").match(h -> h
                instanceof TableColumnHeader c && c.getTableColumn() != null
                && arm.equals(c.getTableColumn().getUserData())).query());
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
        WorkbenchRobot.waitUntil("the table is filled", () -> table.getItems().size() == 19
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

        // sorting by the transfer column sorts the classes; the mAP and gain rows stay pinned under them
        Node header = WorkbenchRobot.onFx(() -> robot.lookup(".column-header").match(h -> h instanceof
                TableColumnHeader c && c.getTableColumn() != null
                && "transfer".equals(c.getTableColumn().getUserData())).query());
        robot.clickOn(header);
        WorkbenchRobot.waitUntil("the rows are sorted", () -> view.model().sortProperty().get() != null);
        assertEquals(List.of("mAP", "gain over no-init"), totals(robot));
        assertEquals(ApTable.Kind.CLASS, WorkbenchRobot.onFx(() -> ((ApTable.Row) table.getItems()
                .get(table.getItems().size() - 1)).kind()));
        assertTrue(text(robot, "#mistakes-title").startsWith("chair \u00d7 no-init"), "the chosen cell stays chosen");
        workbench.assertNoProblems();
    }

    /**
     * A SOCKET experiment opens in the same viewer: accuracy instead of AP, the arms explained, gains over
     * source-only, the runs of each arm and seed instead of detection's mistakes; Table 1 opened again is as before.
     */
    @Test
    void aSocketExperimentOpensInTheSameViewerWithAccuracyAndItsRuns(FxRobot robot) {
        HandWrittenSocketExperiment socket = HandWrittenSocketExperiment.write(tmp.resolve("socket-made"));
        robot.clickOn("#nav-results");
        ResultsView view = WorkbenchRobot.onFx(() -> (ResultsView) workbench.shell.show("Results"));
        WorkbenchRobot.onFx(() -> {
            view.model().open(socket.folder());
            return null;
        });
        TableView<?> table = WorkbenchRobot.onFx(() -> robot.lookup("#ap-table").queryTableView());
        WorkbenchRobot.waitUntil("the table is filled", () -> table.getItems().size() == 2
                && table.getColumns().size() == 6);
        workbench.waitUntilIdle();
        String title = text(robot, "#experiment-title");
        assertTrue(title.startsWith("SOCKET \u00b7 socket-experiment") && title.contains("scenes on rooms10"), title);
        assertEquals(List.of("bedroom", "kitchen"), WorkbenchRobot.onFx(() ->
                table.getItems().stream().map(r -> ((ApTable.Row) r).label()).toList()));
        assertEquals(List.of("accuracy", "gain over source-only"), totals(robot));
        for (SocketArm arm : SocketArm.ALL) {
            Label headerLabel = WorkbenchRobot.onFx(() -> (Label) header(robot, arm.name()).getTableColumn()
                    .getGraphic());
            assertEquals(arm.label(), WorkbenchRobot.onFx(() -> headerLabel.getTooltip().getText()), arm.name());
        }
        Node kitchen = cell(robot, "kitchen", "socket");
        assertEquals("49.0 \u00b1 12.7", WorkbenchRobot.onFx(() -> ((TableCell<?, ?>) kitchen).getText()));
        assertTrue(WorkbenchRobot.onFx(() -> kitchen.getStyleClass().contains("best-cell")), "best arm in bold");
        robot.moveTo(kitchen); // a cell's tooltip is made when the pointer comes over it
        String tip = WorkbenchRobot.onFx(() -> ((TableCell<?, ?>) kitchen).getTooltip().getText());
        assertTrue(tip.contains("seed 1: 40.0, seed 2: 58.0"), tip);
        assertEquals("Gain over source-only", WorkbenchRobot.onFx(() -> robot.lookup("#show-gains")
                .queryAs(ToggleButton.class).getText()));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#seed-choice").query().isDisabled()),
                "every seed's run is listed: no seed to choose");
        assertTrue(text(robot, "#pr-message").contains("apply to detection only"), text(robot, "#pr-message"));
        assertFalse(WorkbenchRobot.onFx(() -> robot.lookup("#mistakes-pane").query().isVisible()));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#seed-runs-pane").query().isVisible()));
        assertTrue(text(robot, "#results-footnote").startsWith("Top-1 accuracy"), text(robot, "#results-footnote"));

        robot.clickOn(kitchen);
        WorkbenchRobot.waitUntil("the chosen arm's runs are selected", () -> WorkbenchRobot.onFx(() -> robot
                .lookup("#seed-runs").queryTableView().getSelectionModel().getSelectedItems().size() == 2));
        TableView<?> runs = WorkbenchRobot.onFx(() -> robot.lookup("#seed-runs").queryTableView());
        List<SeedRun> chosen = WorkbenchRobot.onFx(() -> runs.getSelectionModel()
                .getSelectedItems().stream().map(r -> (SeedRun) r).toList());
        assertEquals(List.of("socket", "socket"), chosen.stream().map(SeedRun::arm).toList());
        assertEquals(List.of("40.0", "58.0"), chosen.stream().map(SeedRun::classText).toList());
        assertEquals(HandWrittenSocketExperiment.runId("socket", 1), chosen.get(0).run());
        assertEquals("kitchen (%)", WorkbenchRobot.onFx(() -> runs.getColumns().get(4).getText()));
        assertEquals("accuracy (%)", WorkbenchRobot.onFx(() -> runs.getColumns().get(3).getText()));
        assertEquals(10, WorkbenchRobot.onFx(() -> runs.getItems().size()));

        // Table 1 again, in the same viewer: AP, its PR curves and its mistakes
        WorkbenchRobot.onFx(() -> {
            view.model().open(tiny.folder());
            return null;
        });
        WorkbenchRobot.waitUntil("Table 1's table is back", () -> table.getItems().size() == 19
                && table.getColumns().size() == 5);
        workbench.waitUntilIdle();
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#mistakes-pane").query().isVisible()));
        assertFalse(WorkbenchRobot.onFx(() -> robot.lookup("#seed-runs-pane").query().isVisible()));
        assertFalse(WorkbenchRobot.onFx(() -> robot.lookup("#seed-choice").query().isDisabled()));
        assertEquals("Gain over no-init", WorkbenchRobot.onFx(() -> robot.lookup("#show-gains")
                .queryAs(ToggleButton.class).getText()));
        workbench.assertNoProblems();
    }

    /**
     * A robust-distillation experiment opens in the same viewer: its title, the chart of accuracy against corruption
     * above the table (a line per objective, a point per level), the fifteen objective@level columns explained, the
     * best objective of each level in bold, and the run of every arm and seed; a SOCKET experiment opened next has no
     * such chart.
     */
    @Test
    void aRobustExperimentShowsAccuracyAgainstCorruptionAboveItsTable(FxRobot robot) {
        HandWrittenRobustExperiment robust = HandWrittenRobustExperiment.write(tmp.resolve("robust-made"));
        robot.clickOn("#nav-results");
        ResultsView view = WorkbenchRobot.onFx(() -> (ResultsView) workbench.shell.show("Results"));
        WorkbenchRobot.onFx(() -> {
            view.model().open(robust.folder());
            return null;
        });
        TableView<?> table = WorkbenchRobot.onFx(() -> robot.lookup("#ap-table").queryTableView());
        WorkbenchRobot.waitUntil("the table is filled", () -> table.getItems().size() == 2
                && table.getColumns().size() == 16);
        workbench.waitUntilIdle();
        String title = text(robot, "#experiment-title");
        assertTrue(title.startsWith("Robust distillation \u00b7 robust-experiment"), title);

        WorkbenchRobot.waitUntil("the chart of accuracy against corruption shows", () -> robot
                .lookup("#corruption-chart-viewer").tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup("#corruption-chart").query().isVisible());
        org.jfree.data.xy.XYDataset d = WorkbenchRobot.onFx(() -> robot.lookup("#corruption-chart-viewer")
                .queryAs(org.jfree.chart.fx.ChartViewer.class).getChart().getXYPlot().getDataset());
        List<String> series = new java.util.ArrayList<>();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            series.add(String.valueOf(d.getSeriesKey(i)));
            List<Double> x = new java.util.ArrayList<>();
            for (int j = 0; j < d.getItemCount(i); j++) {
                x.add(d.getXValue(i, j));
            }
            assertEquals(List.of(0.0, 20.0, 40.0), x, "the levels in percent, " + series.get(i));
        }
        assertEquals(HandWrittenRobustExperiment.OBJECTIVES, series, "a line per objective");
        double above = WorkbenchRobot.onFx(() -> robot.lookup("#corruption-chart").query().localToScene(0, 0)
                .getY());
        double tableTop = WorkbenchRobot.onFx(() -> table.localToScene(0, 0).getY());
        assertTrue(above < tableTop, "the chart is above the table");

        Label header = WorkbenchRobot.onFx(() -> (Label) header(robot, "mnf-csc@0.4").getTableColumn().getGraphic());
        assertEquals("+ modality noise filter and contrastive semantic calibration (Xia et al.); 40% of the train "
                + "pairs' teacher views corrupted", WorkbenchRobot.onFx(() -> header.getTooltip().getText()));
        // the last of fifteen columns: scrolled into view to point at it
        WorkbenchRobot.onFx(() -> {
            scrollToLastColumn(table);
            return null;
        });
        workbench.waitUntilIdle();
        Node best = cell(robot, "kitchen", "mnf-csc@0.4");
        assertTrue(WorkbenchRobot.onFx(() -> best.getStyleClass().contains("best-cell")), "best at its level");
        // the pinned summary scrolled sideways with the classes: its cell is under the class cell of the same arm
        Node summary = cell(robot, "accuracy", "mnf-csc@0.4");
        assertEquals(WorkbenchRobot.onFx(() -> best.localToScene(0, 0).getX()), WorkbenchRobot.onFx(() ->
                summary.localToScene(0, 0).getX()), 0.5);
        robot.moveTo(best);
        assertEquals("The best objective for kitchen at this corruption level", WorkbenchRobot.onFx(() ->
                ((TableCell<?, ?>) best).getTooltip().getText().lines().findFirst().orElseThrow()));
        assertEquals("Gain over ce at the same level", WorkbenchRobot.onFx(() -> robot.lookup("#show-gains")
                .queryAs(ToggleButton.class).getText()));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#seed-runs-pane").query().isVisible()));
        assertEquals(30, WorkbenchRobot.onFx(() -> robot.lookup("#seed-runs").queryTableView().getItems().size()));
        assertTrue(text(robot, "#results-footnote").contains("@level: the fraction of the train pairs"),
                text(robot, "#results-footnote"));

        HandWrittenSocketExperiment socket = HandWrittenSocketExperiment.write(tmp.resolve("socket-after-robust"));
        WorkbenchRobot.onFx(() -> {
            view.model().open(socket.folder());
            return null;
        });
        WorkbenchRobot.waitUntil("SOCKET's table is shown", () -> table.getItems().size() == 2
                && table.getColumns().size() == 6);
        workbench.waitUntilIdle();
        assertFalse(WorkbenchRobot.onFx(() -> robot.lookup("#corruption-chart").query().isVisible()),
                "no corruption levels, no chart");
        workbench.assertNoProblems();
    }
}
