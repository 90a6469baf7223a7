package org.xmodal.engine.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test of the build runs with a default timeout on a thread of its own (the parent pom's surefire
 * configuration), so that a hang fails one test in minutes instead of the whole CI run in 90.
 */
class TestTimeoutsTest {
    private static final class Configuration implements BeforeEachCallback {
        private Optional<String> timeout = Optional.empty();
        private Optional<String> threadMode = Optional.empty();

        @Override
        public void beforeEach(ExtensionContext context) {
            timeout = context.getConfigurationParameter("junit.jupiter.execution.timeout.default");
            threadMode = context.getConfigurationParameter("junit.jupiter.execution.timeout.thread.mode.default");
        }
    }

    @RegisterExtension
    private final Configuration configuration = new Configuration();

    @Test
    void everyTestHasADefaultTimeoutOnAThreadOfItsOwn() {
        assertNotEquals(Optional.empty(), configuration.timeout, "junit.jupiter.execution.timeout.default is set");
        assertEquals(Optional.of("SEPARATE_THREAD"), configuration.threadMode,
                "a livelock that ignores interruption must not hold the test run");
        assertNotEquals(Thread.currentThread().getName(), "main", "the test runs on a thread of its own");
    }
}
