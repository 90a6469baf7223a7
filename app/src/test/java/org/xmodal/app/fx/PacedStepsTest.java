package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Paced steps run lowest rank first, as many a pulse as fit in the budget and never fewer than one. */
@ExtendWith(ApplicationExtension.class)
class PacedStepsTest {
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 100, 100));
        stage.show();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    /** Runs the steps as pulses would, with an 8 ms budget each; how many steps each pulse ran. */
    private static List<Integer> perPulse(PacedSteps steps) {
        List<Integer> counts = new ArrayList<>();
        while (steps.waiting() > 0) {
            int before = steps.waiting();
            steps.runFor(8_000_000);
            counts.add(before - steps.waiting());
        }
        return counts;
    }

    @Test
    void stepsRunLowestRankFirstAndAsManyAsTheBudgetHolds() throws Exception {
        AtomicLong now = new AtomicLong();
        List<String> ran = new ArrayList<>();
        List<Integer> perPulse = onFx(() -> {
            PacedSteps steps = new PacedSteps(8, now::get);
            // each step takes 3 ms: the third crosses the 8 ms budget and ends the pulse's steps
            for (String[] s : new String[][] {{"2", "c"}, {"0", "a"}, {"1", "b1"}, {"0", "a2"}, {"1", "b2"}}) {
                steps.add(Integer.parseInt(s[0]), () -> {
                    ran.add(s[1]);
                    now.addAndGet(3_000_000);
                });
            }
            return perPulse(steps);
        });
        assertEquals(List.of("a", "a2", "b1", "b2", "c"), ran, "by rank, then in the order added");
        assertEquals(List.of(3, 2), perPulse, "3 ms steps in an 8 ms budget: three, then the two left");
    }

    @Test
    void aStepDearerThanTheBudgetStillRunsOneAPulse() throws Exception {
        AtomicLong now = new AtomicLong();
        List<Integer> perPulse = onFx(() -> {
            PacedSteps steps = new PacedSteps(8, now::get);
            for (int i = 0; i < 3; i++) {
                steps.add(0, () -> now.addAndGet(20_000_000));
            }
            return perPulse(steps);
        });
        assertEquals(List.of(1, 1, 1), perPulse);
    }

    @Test
    void theWindowsPulsesRunEveryStep() throws Exception {
        List<Integer> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        onFx(() -> {
            PacedSteps steps = new PacedSteps(2);
            for (int i = 9; i >= 0; i--) {
                int n = i;
                steps.add(n, () -> ran.add(n));
            }
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ran.size() == 10);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), List.copyOf(ran));
    }

    @Test
    void aBudgetMustBeMoreThanNothing() {
        assertThrows(IllegalArgumentException.class, () -> new PacedSteps(0));
    }
}
