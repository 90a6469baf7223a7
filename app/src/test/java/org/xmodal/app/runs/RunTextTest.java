package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xmodal.engine.run.RunEvent;

class RunTextTest {
    @Test
    void aMetricWithoutASplitIsLoggedWithoutOne() {
        String runLevel = RunText.event(RunEvent.of(RunEvent.METRIC, 0).with("name", "teacherScale")
                .with("value", 3.843));
        assertTrue(runLevel.endsWith("metric     teacherScale = 3.843"), runLevel);
        String test = RunText.event(RunEvent.of(RunEvent.METRIC, 400).with("split", "test").with("name", "mAP")
                .with("value", 0.25));
        assertTrue(test.endsWith("metric     test mAP = 0.2500"), test);
    }
}
