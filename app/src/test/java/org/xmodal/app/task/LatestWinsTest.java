package org.xmodal.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestWinsTest {
    private final ManualTaskExecutor executor = new ManualTaskExecutor();
    private final List<Integer> computed = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<Boolean> cancelSeen = new ArrayList<>();
    private final LatestWins<Integer, String> latest = new LatestWins<>(executor, "square", (n, cancel) -> {
        computed.add(n);
        cancelSeen.add(cancel.isCancelled());
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        return n + "^2=" + n * n;
    }, delivered::add, failures::add);

    @Test
    void onlyTheLatestOfRapidRequestsIsComputedAndDelivered() {
        latest.request(1);
        latest.request(2);
        latest.request(3);
        latest.request(4);
        executor.runAll();
        assertEquals(List.of(1, 4), computed, "the first was already running; 2 and 3 were replaced by 4");
        assertEquals(List.of("4^2=16"), delivered, "the running one's result is stale once 4 is asked for");
        assertEquals(2, latest.computationsStarted());
    }

    @Test
    void supersededComputationIsAskedToStop() {
        latest.request(1);
        latest.request(2);
        executor.runNext();
        assertEquals(List.of(true), cancelSeen, "the running computation sees the cancellation");
        executor.runAll();
        assertEquals(List.of(true, false), cancelSeen);
    }

    @Test
    void requestAfterTheLastResultIsComputedAgain() {
        latest.request(5);
        executor.runAll();
        latest.request(6);
        executor.runAll();
        assertEquals(List.of("5^2=25", "6^2=36"), delivered);
    }

    @Test
    void busyWhileComputingAndNotAfter() {
        latest.request(1);
        assertTrue(latest.busyProperty().get());
        latest.request(2);
        executor.runNext();
        assertTrue(latest.busyProperty().get(), "still busy: 2 is being computed");
        executor.runAll();
        assertFalse(latest.busyProperty().get());
    }

    @Test
    void failureOfTheLatestIsReportedAndStaleFailuresAreNot() {
        latest.request(-1);
        latest.request(-2);
        executor.runAll();
        assertEquals(1, failures.size());
        assertEquals("negative: -2", failures.get(0).getMessage());
        assertTrue(delivered.isEmpty());
    }

    @Test
    void withTheDirectExecutorEveryRequestIsComputedAtOnce() {
        List<String> out = new ArrayList<>();
        LatestWins<Integer, Integer> direct = new LatestWins<>(new DirectTaskExecutor(), "double",
                (n, c) -> 2 * n, v -> out.add("=" + v), e -> { });
        direct.request(1);
        direct.request(2);
        assertEquals(List.of("=2", "=4"), out);
        assertFalse(direct.busyProperty().get());
    }
}
