package org.xmodal.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongWorkTest {
    @Test
    void aJobIsListedWhileItRunsAndNotAfter() {
        ManualTaskExecutor executor = new ManualTaskExecutor();
        LongWork work = new LongWork(executor);
        List<Outcome<String>> outcomes = new ArrayList<>();
        work.start("Opening", (p, c) -> "done", outcomes::add);
        assertEquals(1, work.running().size());
        assertEquals("Opening", work.running().get(0).title());
        executor.runAll();
        assertTrue(work.running().isEmpty());
        assertEquals(List.of(new Outcome.Done<>("done")), outcomes);
    }

    @Test
    void aJobThatEndsAtOnceIsNeverListed() {
        LongWork work = new LongWork(new DirectTaskExecutor());
        work.start("Quick", (p, c) -> 1, o -> { });
        assertTrue(work.running().isEmpty());
    }
}
