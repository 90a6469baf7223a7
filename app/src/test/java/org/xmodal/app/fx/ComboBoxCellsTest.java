package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.Workbench;

/**
 * The workbench's style sheet gives a combo box's list cells a fixed height (so that the list does not make and style
 * a cell for every item when the combo box is first styled): the cells of an open combo box are at least as tall as
 * a list's own cells of the same items, and at most a few pixels taller, at the window's type size and at twice it
 * (the lesson's presenter mode).
 */
@ExtendWith(ApplicationExtension.class)
class ComboBoxCellsTest {
    private static final List<String> ITEMS = List.of("rgb-teacher", "transfer \u00b7 depth", "finetune (Table 1)");
    private VBox root;
    private ComboBox<String> combo;
    private ListView<String> list;

    @Start
    void start(Stage stage) {
        combo = new ComboBox<>(FXCollections.observableArrayList(ITEMS));
        list = new ListView<>(FXCollections.observableArrayList(ITEMS));
        root = new VBox(8, combo, list);
        Scene scene = new Scene(root, 500, 400);
        scene.getStylesheets().add(Workbench.class.getResource("workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static double[] filledCellHeights(Node list) {
        return list.lookupAll(".list-cell").stream().filter(n -> n instanceof ListCell<?> c && !c.isEmpty()
                && c.isVisible()).mapToDouble(n -> n.getLayoutBounds().getHeight()).toArray();
    }

    @Test
    void comboCellsAsTallAsAListsAtTheWindowsTypeAndTwiceIt() throws Exception {
        for (double px : new double[] {13, 26}) {
            WaitForAsyncUtils.asyncFx(() -> {
                combo.hide();
                root.setStyle("-fx-font-size: " + px + "px;");
                combo.show();
            }).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            double[][] heights = WaitForAsyncUtils.asyncFx(() -> {
                Node popupList = ((ComboBoxListViewSkin<?>) combo.getSkin()).getPopupContent();
                assertTrue(popupList instanceof ListView<?> l && l.getFixedCellSize() > 0,
                        "the combo box's list has a fixed cell size");
                return new double[][] {filledCellHeights(popupList), filledCellHeights(list)};
            }).get(10, TimeUnit.SECONDS);
            assertEquals(ITEMS.size(), heights[0].length, "the open combo box shows every item");
            assertEquals(ITEMS.size(), heights[1].length, "so does the list");
            double natural = java.util.Arrays.stream(heights[1]).max().orElseThrow();
            for (double h : heights[0]) {
                assertTrue(h >= natural && h <= natural + 0.25 * px, "at " + px + " px: a combo box's cell "
                        + h + " px tall, a list's " + natural + " px");
            }
        }
        WaitForAsyncUtils.asyncFx(() -> combo.hide()).get(10, TimeUnit.SECONDS);
    }
}
