package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.run.RunSpec;

class SpecFormTest {
    @Test
    void aSpecGoesToTheFormAndComesBackTheSame() {
        RunSpec spec = RunFolders.spec("x", "/data/rooms");
        spec = new RunSpec(spec.name(), spec.kind(), spec.data(), spec.modality(), spec.teacher(), spec.student(),
                spec.adaptation(), spec.optimizer(), new RunSpec.Schedule(50, 0.1), spec.batchSize(),
                spec.iterations(), spec.inputSize(), new RunSpec.Augmentation(true, false, 3), spec.seed(),
                spec.device(), spec.threads(), spec.checkpointEvery(), spec.logEvery(), List.of(10, 20), null);
        Map<String, Object> values = SpecForm.values(spec);
        assertEquals(1e-4, values.get("optimizer.learningRate"));
        assertEquals("10, 20", values.get("filterSnapshots"));
        assertEquals("random", values.get("teacher.source"));
        assertEquals(spec, SpecForm.build(values));
    }

    @Test
    void aTeacherRunHasNoTeacher() {
        RunSpec t = new RunSpec("t", "teacher", "/data", "depth", null, new RunSpec.Student("alexnet-small", null,
                null), null, null, null, 8, 10, 64, null, 1, "auto", 0, 0, 0, List.of(), null);
        Map<String, Object> values = SpecForm.values(t);
        assertEquals("", values.get("teacher.source"));
        RunSpec back = SpecForm.build(values);
        assertNull(back.teacher());
        assertEquals("teacher", back.kind());
    }

    @Test
    void whatTheEngineRefusesIsSaidInOneLineNamingTheField() {
        Map<String, Object> values = SpecForm.values(RunFolders.spec("x", "/data"));
        values.put("optimizer.learningRate", -1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecForm.build(values));
        assertTrue(e.getMessage().startsWith("optimizer: learning rate > 0"), e.getMessage());
        values.put("optimizer.learningRate", 0.001);
        values.put("filterSnapshots", "10, x");
        e = assertThrows(IllegalArgumentException.class, () -> SpecForm.build(values));
        assertTrue(e.getMessage().contains("'x' is not a step"), e.getMessage());
        values.put("filterSnapshots", "");
        values.put("kind", "transfer");
        values.put("teacher.source", "");
        e = assertThrows(IllegalArgumentException.class, () -> SpecForm.build(values));
        assertTrue(e.getMessage().contains("needs a teacher"), e.getMessage());
    }

    @Test
    void everyFieldHasAKnownCategoryAndAHelpText() {
        for (SpecField f : SpecForm.fields()) {
            assertTrue(SpecForm.CATEGORIES.contains(f.category()), f.key());
            assertTrue(f.help() != null && !f.help().isBlank(), f.key());
        }
    }

    @Test
    void numbersAreTypedAsTextAndShownWithoutExponents() {
        assertEquals(1e-4, SpecEditors.parse(SpecField.Type.NUMBER, "1e-4"));
        assertEquals("0.0001", SpecEditors.format(1e-4));
        assertEquals(12, SpecEditors.parse(SpecField.Type.INTEGER, " 12 "));
        assertNull(SpecEditors.parse(SpecField.Type.INTEGER, "1.5"));
        assertNull(SpecEditors.parse(SpecField.Type.NUMBER, "NaN"));
    }
}
