package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The style warm-up styles form rows from the start and the dearer groups (tables among them) only once told their
 * classes are ready; every control of a piece has its skin when the piece is dropped; it stops after its pieces and
 * leaves nothing behind.
 */
@ExtendWith(ApplicationExtension.class)
class StyleWarmUpTest {
    @Start
    void start(Stage stage) {
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
        int mixed = 22;
        List<Node> seen = new CopyOnWriteArrayList<>();
        List<Boolean> skinned = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        StyleWarmUp[] w = new StyleWarmUp[1];
        WaitForAsyncUtils.asyncFx(() -> {
            w[0] = new StyleWarmUp(List.of(), rows, mixed, piece -> {
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
        assertTrue(after.stream().anyMatch(p -> controls(p).stream().anyMatch(c -> c instanceof TableView)),
                "tables come after addHeavy");
        assertTrue(!skinned.isEmpty() && skinned.stream().allMatch(b -> b), "every control was styled (has its skin)");
        assertNotNull(w[0].root().getScene(), "styled in a scene of its own");
        assertTrue(w[0].root().getScene().getWindow() == null, "which no window shows");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> w[0].root().getChildren().isEmpty()).get(), "nothing left");
        WaitForAsyncUtils.asyncFx(() -> w[0].addHeavy()).get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertEquals(rows + mixed, seen.size(), "nothing styled after it ended, even when told again");
    }
}
