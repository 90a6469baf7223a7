package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.TestData;
import org.xmodal.app.data.PairFilter;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.folder.DatasetCorruptor;
import org.xmodal.engine.task.ProgressListener;

/** A dataset with noisy pairs: the list marks them, the viewer says how, and the filter finds them. */
@ExtendWith(ApplicationExtension.class)
class NoisyPairsUiTest {
    @TempDir
    static Path tmp;
    private static Path noisy;
    private static DatasetCorruptor.Report report;
    private WorkbenchRobot workbench;

    @BeforeAll
    static void corruptATinyDataset() throws IOException {
        Path clean = TestData.tinySynth(tmp.resolve("clean"), 12, 0);
        noisy = tmp.resolve("noisy");
        report = DatasetCorruptor.corrupt(clean, noisy, 0.5, 1, EnumSet.of(Corruption.Kind.SWAP,
                Corruption.Kind.BLANK), ProgressListener.NONE);
    }

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("cache"));
        workbench.context.session().open(noisy);
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private static ListView<Pair> list(FxRobot robot) {
        return robot.lookup("#pair-list").queryListView();
    }

    /** Checks the badge of every filled cell on screen against its pair; returns how many noisy pairs showed one. */
    private static int checkBadges(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> {
            Set<Node> cells = robot.lookup("#pair-list .list-cell").queryAll();
            int badges = 0;
            for (Node n : cells) {
                ListCell<?> cell = (ListCell<?>) n;
                Pair p = (Pair) cell.getItem();
                if (p == null || cell.isEmpty()) {
                    continue;
                }
                // a cell makes its badge for the first noisy pair it shows, and hides it for a clean one after
                Label badge = (Label) cell.lookup(".corruption-badge");
                assertEquals(p.corrupted(), badge != null && badge.isVisible(), p.id());
                if (p.corrupted()) {
                    badges++;
                    assertEquals(p.corruption().orElseThrow().describe(), badge.getTooltip().getText());
                    assertTrue(badge.getTooltip().getText().startsWith("teacher's view corrupted: "));
                    Label details = (Label) cell.lookup(".pair-details");
                    assertTrue(details.getText().endsWith("RGB corrupted (" + p.corruption().orElseThrow().kind().id()
                            + ")"), details.getText());
                }
            }
            return badges;
        });
    }

    @Test
    void noisyPairsAreMarkedInTheListSaidInTheViewerAndFoundByTheFilter(FxRobot robot) {
        workbench.waitUntilIdle();
        assertTrue(report.total() > 0);
        assertEquals(12, WorkbenchRobot.onFx(() -> list(robot).getItems().size()));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#dataset-summary").queryAs(Label.class).getText())
                .endsWith(report.total() + " noisy pair" + (report.total() == 1 ? "" : "s") + " (RGB corrupted)"));

        // the mark: a visible badge on the noisy pairs' cells only, whose tooltip says how
        Map.Entry<String, Corruption> first = report.corrupted().entrySet().iterator().next();
        int index = WorkbenchRobot.onFx(() -> {
            List<Pair> items = list(robot).getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).id().equals(first.getKey())) {
                    list(robot).scrollTo(i);
                    return i;
                }
            }
            return -1;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(checkBadges(robot) > 0, "a noisy pair is on screen");

        // the text: the viewer says how the shown pair's teacher view was spoiled
        robot.interact(() -> list(robot).getSelectionModel().select(index));
        WorkbenchRobot.waitUntil("the noisy pair is shown", () -> robot.lookup("#pair-title").queryAs(Label.class)
                .getText().startsWith(first.getKey()));
        Label said = robot.lookup("#pair-corruption").queryAs(Label.class);
        assertTrue(WorkbenchRobot.onFx(said::isVisible));
        assertEquals(first.getValue().describe(), WorkbenchRobot.onFx(said::getText));
        if (first.getValue().kind() == Corruption.Kind.SWAP) {
            assertTrue(said.getText().startsWith("teacher's view corrupted: swapped with " + first.getValue().from()
                    + " ("), said.getText());
        }

        // the filter: the RGB choice keeps noisy pairs, or clean ones
        @SuppressWarnings("unchecked")
        ChoiceBox<PairFilter.TeacherView> filter = robot.lookup("#filter-corruption").queryAs(ChoiceBox.class);
        assertTrue(WorkbenchRobot.onFx(filter::isVisible), "offered for a dataset with noisy pairs");
        robot.interact(() -> filter.setValue(PairFilter.TeacherView.CORRUPTED));
        assertEquals(report.total(), WorkbenchRobot.onFx(() -> list(robot).getItems().size()));
        assertTrue(WorkbenchRobot.onFx(() -> list(robot).getItems().stream().allMatch(Pair::corrupted)));
        assertEquals(report.corrupted().keySet(), Set.copyOf(WorkbenchRobot.onFx(() -> list(robot).getItems()
                .stream().map(Pair::id).toList())));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(checkBadges(robot) > 0, "the noisy pairs' cells have their badges");
        robot.interact(() -> filter.setValue(PairFilter.TeacherView.CLEAN));
        assertEquals(12 - report.total(), WorkbenchRobot.onFx(() -> list(robot).getItems().size()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, checkBadges(robot), "the same cells, now showing clean pairs, hide theirs");
        WorkbenchRobot.waitUntil("a clean pair is shown", () -> !robot.lookup("#pair-title").queryAs(Label.class)
                .getText().startsWith(first.getKey()));
        workbench.waitUntilIdle();
        assertFalse(WorkbenchRobot.onFx(said::isVisible), "nothing to say of a clean pair");
        workbench.assertNoProblems();
    }

    @Test
    void aCleanDatasetDoesNotOfferTheFilter(FxRobot robot) {
        workbench.waitUntilIdle();
        WorkbenchRobot.onFx(() -> {
            workbench.context.session().open(TestData.sample().rgbd());
            return null;
        });
        WorkbenchRobot.waitUntil("the sample is open", () -> list(robot).getItems().size() == 200);
        assertFalse(WorkbenchRobot.onFx(() -> robot.lookup("#filter-corruption").query().isVisible()));
        workbench.assertNoProblems();
    }
}
