package org.xmodal.app.runs;

import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.FinetuneTask;
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
        spec = spec.toBuilder().schedule(new RunSpec.Schedule(50, 0.1))
                .augmentation(new RunSpec.Augmentation(true, false, 3)).filterSnapshots(List.of(10, 20)).build();
        Map<String, Object> values = SpecForm.values(spec);
        assertEquals(1e-4, values.get("optimizer.learningRate"));
        assertEquals("10, 20", values.get("filterSnapshots"));
        assertEquals("random", values.get("teacher.source"));
        assertEquals(spec, SpecForm.build(values));
    }

    @Test
    void fineTuningSettingsRegionCropsAndTheNormTargetSurviveTheForm() {
        RunSpec ft = RunSpec.builder().name("scenes").kind("finetune").data("/data").modality("depth")
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 5e-4)).batchSize(16).iterations(300)
                .inputSize(113).seed(1).device("auto").threads(0).checkpointEvery(100).logEvery(10)
                .finetune(new RunSpec.Finetune("paired", "/runs/teacher", "pool5", "scenes", 150, 0.5)).build();
        assertEquals(ft, SpecForm.build(SpecForm.values(ft)));
        RunSpec transfer = RunFolders.spec("x", "/data/rooms");
        transfer = transfer.toBuilder().adaptation(new RunSpec.Adaptation(true, "student")).schedule(null)
                .augmentation(new RunSpec.Augmentation(true, true, 0, "regions", 200)).build();
        Map<String, Object> values = SpecForm.values(transfer);
        assertEquals("regions", values.get("augmentation.crops"));
        assertEquals("student", values.get("adaptation.matchTo"));
        assertEquals(transfer, SpecForm.build(values));
        // a transfer run has no fine-tuning settings, whatever the hidden fields hold
        values.put("finetune.task", "scenes");
        assertNull(SpecForm.build(values).finetune());
    }

    @Test
    void theObjectiveTheEncodingAndSocketsTrainingSettingsSurviveTheForm() {
        RunSpec transfer = RunFolders.spec("x", "/data/rooms").toBuilder()
                .objective(org.xmodal.engine.objective.Objective.of(new org.xmodal.engine.objective.Objective.Term(
                        "hint", 2.5)))
                .encoding(org.xmodal.engine.encode.Encoding.defaults().withDepth(new org.xmodal.engine.encode
                        .Encoding.Depth(null, org.xmodal.engine.encode.Encoding.Camera.EXPLICIT,
                        new org.xmodal.engine.data.CameraIntrinsics(500, 501, 320.5, 240.5, 640, 480), 1000.0, 4,
                        null, List.of(new org.xmodal.engine.encode.Encoding.GravityStage(30, 3)), null, null)))
                .build();
        Map<String, Object> values = SpecForm.values(transfer);
        assertEquals("hint = 2.5", values.get("objective.terms"));
        assertEquals("30 x 3", values.get("encoding.depth.gravityStages"));
        assertEquals(transfer, SpecForm.build(values));
        RunSpec source = RunSpec.builder().name("source").kind("finetune").data("/data").modality("depth")
                .student(new RunSpec.Student("resnet18-bottleneck", null, null))
                .optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-2, 0.9, 1e-3, true))
                .schedule(RunSpec.Schedule.inverse(10, 0.75)).batchSize(32).iterations(100).inputSize(64)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, null, null, FinetuneTask.SCENES, null, null,
                        0.1)).build();
        Map<String, Object> sv = SpecForm.values(source);
        assertEquals(true, sv.get("optimizer.nesterov"));
        assertEquals("inverse", sv.get("schedule.decay"));
        assertEquals(source, SpecForm.build(sv));
        RunSpec socket = source.toBuilder().name("socket").kind("socket").finetune(null)
                .objective(org.xmodal.engine.objective.Objective.socket())
                .socket(new RunSpec.Socket("/runs/source", 0)).build();
        Map<String, Object> kv = SpecForm.values(socket);
        assertEquals("pseudo-labels = 0.3, information-maximisation = 1, bn-statistics = 0.5, task-irrelevant = 0.5",
                kv.get("objective.terms"));
        assertEquals(socket, SpecForm.build(kv));
        values.put("objective.terms", "hint 2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecForm.build(values));
        assertTrue(e.getMessage().contains("'hint 2' is not a term"), e.getMessage());
    }

    @Test
    void aTeacherRunHasNoTeacher() {
        RunSpec t = RunSpec.builder().name("t").kind("teacher").data("/data").modality("depth")
                .student(new RunSpec.Student("alexnet-small", null, null)).batchSize(8).iterations(10).inputSize(64)
                .seed(1).device("auto").threads(0).checkpointEvery(0).logEvery(0).build();
        Map<String, Object> values = SpecForm.values(t);
        assertEquals("", values.get("teacher.source"));
        RunSpec back = SpecForm.build(values);
        assertNull(back.teacher());
        assertEquals(RunKind.TEACHER, back.kind());
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
        java.util.function.BiFunction<String, String, List<String>> shownFor = (kind, modality) -> SpecForm.fields()
                .stream().filter(f -> SpecForm.appliesTo(f, kind, modality)).map(SpecField::key).toList();
        java.util.function.Function<String, List<String>> shown = kind -> shownFor.apply(kind, "depth");
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
        // the encoding of the student's modality, for the kinds that read it; a teacher sees RGB only
        assertTrue(transfer.containsAll(List.of("encoding.depth.camera", "encoding.depth.gravityStages")));
        assertTrue(transfer.stream().noneMatch(k -> k.startsWith("encoding.flow.")), transfer.toString());
        assertTrue(finetune.contains("encoding.depth.normalRadius"), finetune.toString());
        assertTrue(teacher.stream().noneMatch(k -> k.startsWith("encoding.")), teacher.toString());
        List<String> flow = shownFor.apply("transfer", "flow");
        assertTrue(flow.containsAll(List.of("encoding.flow.method", "encoding.flow.scale")), flow.toString());
        assertTrue(flow.stream().noneMatch(k -> k.startsWith("encoding.depth.")), flow.toString());
        // a socket run: its source and refresh interval and the objective, no teacher, no fine-tuning fields
        List<String> socket = shown.apply("socket");
        assertTrue(socket.containsAll(List.of("socket.source", "socket.refreshEvery", "objective.terms",
                "encoding.depth.camera")), socket.toString());
        assertTrue(socket.stream().noneMatch(k -> k.startsWith("teacher.") || k.startsWith("finetune.")),
                socket.toString());
        assertTrue(transfer.stream().noneMatch(k -> k.startsWith("socket.")), transfer.toString());
        // every field is shown for some kind
        for (SpecField f : SpecForm.fields()) {
            assertTrue(transfer.contains(f.key()) || teacher.contains(f.key()) || finetune.contains(f.key())
                    || flow.contains(f.key()) || socket.contains(f.key()), f.key());
        }
    }

    /** The objective's help says what each SOCKET term does, the paper's weight of each, and how to switch one off. */
    @Test
    void theObjectivesHelpExplainsEachSocketTermAndItsPapersWeight() {
        String help = SpecForm.fields().stream().filter(f -> f.key().equals("objective.terms")).findFirst()
                .orElseThrow().help();
        for (org.xmodal.engine.objective.Objective.Term t : org.xmodal.engine.objective.Objective.socket().terms()) {
            String weight = t.weight() == Math.rint(t.weight()) ? String.valueOf((long) t.weight())
                    : String.valueOf(t.weight());
            int at = help.indexOf(t.name() + " = " + weight + " (");
            assertTrue(at >= 0, t.name() + " = " + weight + " with what it does, in: " + help);
        }
        assertTrue(help.contains("weight 0 switches a term off"), help);
        assertTrue(help.contains("the paper's weights"), help);
        assertEquals(java.util.Optional.of("pseudo-labels = 0.3, information-maximisation = 1, bn-statistics = 0.5, "
                + "task-irrelevant = 0.5"), SpecForm.defaultTerms("socket"));
        assertTrue(SpecForm.defaultTerms("finetune").isEmpty());
    }
}
