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
    void fineTuningSettingsRegionCropsAndTheNormTargetSurviveTheForm() {
        RunSpec ft = new RunSpec("scenes", "finetune", "/data", "depth", null, new RunSpec.Student("alexnet-small",
                null, null), null, new RunSpec.Optimizer("adam", 1e-3, 0.9, 5e-4), null, 16, 300, 113, null, 1,
                "auto", 0, 100, 10, List.of(), new RunSpec.Finetune("paired", "/runs/teacher", "pool5", "scenes", 150,
                0.5), null);
        assertEquals(ft, SpecForm.build(SpecForm.values(ft)));
        RunSpec transfer = RunFolders.spec("x", "/data/rooms");
        transfer = new RunSpec(transfer.name(), transfer.kind(), transfer.data(), transfer.modality(),
                transfer.teacher(), transfer.student(), new RunSpec.Adaptation(true, "student"), transfer.optimizer(),
                null, transfer.batchSize(), transfer.iterations(), transfer.inputSize(),
                new RunSpec.Augmentation(true, true, 0, "regions", 200), transfer.seed(), transfer.device(),
                transfer.threads(), transfer.checkpointEvery(), transfer.logEvery(), List.of(), null);
        Map<String, Object> values = SpecForm.values(transfer);
        assertEquals("regions", values.get("augmentation.crops"));
        assertEquals("student", values.get("adaptation.matchTo"));
        assertEquals(transfer, SpecForm.build(values));
        // a transfer run has no fine-tuning settings, whatever the hidden fields hold
        values.put("finetune.task", "scenes");
        assertNull(SpecForm.build(values).finetune());
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

    @Test
    void eachKindOfRunIsOfferedTheFieldsItUses() {
        java.util.function.Function<String, List<String>> shown = kind -> SpecForm.fields().stream()
                .filter(f -> SpecForm.appliesTo(f, kind)).map(SpecField::key).toList();
        List<String> transfer = shown.apply("transfer");
        List<String> teacher = shown.apply("teacher");
        List<String> finetune = shown.apply("finetune");
        assertTrue(transfer.containsAll(List.of("teacher.weights", "adaptation.matchNorms", "augmentation.crops",
                "student.architecture", "optimizer.learningRate")), transfer.toString());
        assertTrue(transfer.stream().noneMatch(k -> k.startsWith("finetune.")), transfer.toString());
        assertTrue(finetune.containsAll(List.of("finetune.task", "finetune.init", "student.architecture",
                "iterations")), finetune.toString());
        assertTrue(finetune.stream().noneMatch(k -> k.startsWith("teacher.") || k.startsWith("adaptation.")),
                finetune.toString());
        assertTrue(teacher.containsAll(List.of("name", "kind", "data", "student.architecture", "seed", "threads")),
                teacher.toString());
        assertTrue(teacher.stream().noneMatch(k -> k.startsWith("teacher.") || k.startsWith("finetune.")),
                teacher.toString());
        // every field is shown for some kind
        for (SpecField f : SpecForm.fields()) {
            assertTrue(transfer.contains(f.key()) || teacher.contains(f.key()) || finetune.contains(f.key()),
                    f.key());
        }
    }
}
