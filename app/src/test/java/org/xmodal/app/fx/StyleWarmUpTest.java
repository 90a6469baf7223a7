package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The style warm-up styles form rows from the start and the dearer groups (tables and charts among them) only once
 * told their classes are ready, the first tables smaller, each chart drawn; every control of a piece has its skin when
 * the piece is dropped; it leaves alone the pulses in which the window styles and lays out much of its own; it stops
 * after its pieces and leaves nothing behind.
 */
@ExtendWith(ApplicationExtension.class)
class StyleWarmUpTest {
    private Scene window;
    /** While set, each pulse's styling and layout of the window takes this long (ns). */
    private final AtomicLong windowWork = new AtomicLong();

    @Start
    void start(Stage stage) {
        window = new Scene(new StackPane(), 200, 100);
        window.addPreLayoutPulseListener(() -> {
            long until = System.nanoTime() + windowWork.get();
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        stage.setScene(window);
        stage.show();
    }

    private static List<Control> controls(Node n) {
        List<Control> out = new ArrayList<>();
        if (n instanceof Control c) {
            out.add(c);
        }
        if (n instanceof Parent p && !(n instanceof Control)) {
            for (Node k : p.getChildrenUnmodifiable()) {
                out.addAll(controls(k));
            }
        }
        return out;
    }

    @Test
    void rowsFirstThenEveryKindEachStyledAndNothingLeft() throws Exception {
        int rows = 12;
        int mixed = 40;
        List<Node> seen = new CopyOnWriteArrayList<>();
        List<Boolean> skinned = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        StyleWarmUp[] w = new StyleWarmUp[1];
        WaitForAsyncUtils.asyncFx(() -> {
            w[0] = new StyleWarmUp(window, rows, mixed, piece -> {
                seen.add(piece);
                controls(piece).forEach(c -> skinned.add(c.getSkin() != null));
            }, () -> done.complete(seen.size()));
            w[0].start();
        }).get(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < rows && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertEquals(rows, seen.size(), "the rows, then it waits to be told the other kinds' classes are ready");
        assertTrue(seen.stream().allMatch(p -> p instanceof GridPane), "only form rows before addHeavy: " + seen);
        assertTrue(!done.isDone(), "not done before the other kinds");
        WaitForAsyncUtils.asyncFx(() -> w[0].addHeavy()).get(10, TimeUnit.SECONDS);
        assertEquals(rows + mixed, done.get(20, TimeUnit.SECONDS), "done after the mixed pieces, once");
        List<Node> after = seen.subList(rows, seen.size());
        assertTrue(after.stream().anyMatch(p -> p instanceof GridPane), "rows go on");
        List<Integer> tableRows = after.stream().filter(p -> p instanceof TableView).map(p -> ((TableView<?>) p)
                .getItems().size()).toList();
        assertEquals(List.of(0, 1, 3), tableRows.subList(0, Math.min(3, tableRows.size())),
                "tables come after addHeavy, the first without rows, the second with one");
        List<ListView<?>> lists = after.stream().filter(p -> p instanceof ListView).<ListView<?>>map(
                p -> (ListView<?>) p).toList();
        assertTrue(!lists.isEmpty() && lists.stream().allMatch(l -> l.getHeight() == l.getPrefHeight()),
                "lists laid out at their preferred height, not stretched to a screenful of empty cells");
        List<ChartViewer> charts = after.stream().filter(p -> p instanceof ChartViewer).map(p -> (ChartViewer) p)
                .toList();
        assertTrue(!charts.isEmpty(), "chart viewers among them");
        assertTrue(charts.stream().allMatch(c -> c.getCanvas().getWidth() > 0 && c.getCanvas().getHeight() > 0),
                "each chart laid out at a size, so drawn");
        assertTrue(!skinned.isEmpty() && skinned.stream().allMatch(b -> b), "every control was styled (has its skin)");
        assertNotNull(w[0].root().getScene(), "styled in a scene of its own");
        assertTrue(w[0].root().getScene().getWindow() == null, "which no window shows");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> w[0].root().getChildren().isEmpty()).get(), "nothing left");
        WaitForAsyncUtils.asyncFx(() -> w[0].addHeavy()).get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertEquals(rows + mixed, seen.size(), "nothing styled after it ended, even when told again");
    }

    @Test
    void leavesAlonePulsesTheWindowNeeds() throws Exception {
        List<Node> seen = new CopyOnWriteArrayList<>();
        windowWork.set(StyleWarmUp.WINDOW_WORK_NANOS + 2_000_000);
        try {
            WaitForAsyncUtils.asyncFx(() -> new StyleWarmUp(window, 5, 0, seen::add, () -> { }).start())
                    .get(10, TimeUnit.SECONDS);
            Thread.sleep(500);
            assertEquals(List.of(), seen, "nothing styled while the window's own work fills its pulses");
        } finally {
            windowWork.set(0);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < 5 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(5, seen.size(), "its pieces once the window leaves it time");
    }
}
