package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xmodal.app.task.BackgroundPriority;

class WhenQuietTest {
    @Test
    void itWaitsForThreeQuietChecksInARowAndRunsBelowTheWindow() throws Exception {
        assumeTrue(Platform.isLinux(), "nice values per thread are Linux's");
        int window = BackgroundPriority.niceOfThisThread();
        AtomicInteger checks = new AtomicInteger();
        CompletableFuture<Integer> ran = new CompletableFuture<>();
        // busy for the first two checks, then quiet
        WhenQuiet.run("when-quiet-test", () -> checks.incrementAndGet() > 2,
                () -> ran.complete(BackgroundPriority.niceOfThisThread()));
        int nice = ran.get(10, TimeUnit.SECONDS);
        assertEquals(5, checks.get(), "two busy checks, then three quiet ones");
        assertTrue(nice > window, "ran at nice " + nice + ", the window's thread is at " + window);
        assertEquals(window, BackgroundPriority.niceOfThisThread(), "the caller keeps its own");
    }
}
