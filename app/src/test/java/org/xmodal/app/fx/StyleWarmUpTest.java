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
        int pieces = 30;
        List<Node> seen = new CopyOnWriteArrayList<>();
        List<Boolean> skinned = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        StyleWarmUp[] w = new StyleWarmUp[1];
        WaitForAsyncUtils.asyncFx(() -> {
            w[0] = new StyleWarmUp(List.of(), pieces, piece -> {
                seen.add(piece);
                controls(piece).forEach(c -> skinned.add(c.getSkin() != null));
            }, () -> done.complete(seen.size()));
            w[0].start();
        }).get(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < 12 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertTrue(seen.size() >= 12, "styled " + seen.size() + " pieces in 10 s");
        List<Node> before = List.copyOf(seen);
        assertTrue(before.stream().allMatch(p -> p instanceof GridPane), "only form rows before addHeavy: " + before);
        WaitForAsyncUtils.asyncFx(() -> w[0].addHeavy()).get(10, TimeUnit.SECONDS);
        assertEquals(pieces, done.get(20, TimeUnit.SECONDS), "done after its pieces, once");
        List<Node> after = seen.subList(before.size(), seen.size());
        assertTrue(after.stream().anyMatch(p -> p instanceof GridPane), "rows go on");
        assertTrue(after.stream().anyMatch(p -> !controls(p).isEmpty()
                && controls(p).stream().anyMatch(c -> c instanceof TableView)), "tables come after addHeavy");
        assertTrue(!skinned.isEmpty() && skinned.stream().allMatch(b -> b), "every control was styled (has its skin)");
        assertNotNull(w[0].root().getScene(), "styled in a scene of its own");
        assertTrue(w[0].root().getScene().getWindow() == null, "which no window shows");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> w[0].root().getChildren().isEmpty()).get(), "nothing left");
        Thread.sleep(200);
        assertEquals(pieces, seen.size(), "and nothing styled after it stopped");
    }
}
