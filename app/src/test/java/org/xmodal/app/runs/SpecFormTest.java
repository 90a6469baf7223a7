package org.xmodal.app.runs;

import org.xmodal.engine.run.Distill;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.FinetuneTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.flow.OpenCvCuda;
import org.xmodal.engine.run.RunSpec;

class SpecFormTest {
    /** The form offers the flow methods that can run here: OpenCV's CUDA ones only on the GPU build with a GPU. */
    @Test
    void theFlowMethodChoiceLeavesOutCudaMethodsWhereTheyCannotRun() {
        List<String> offered = SpecForm.fields().stream().filter(f -> f.key().equals("encoding.flow.method"))
                .findFirst().orElseThrow().choices();
        assertEquals(OpenCvCuda.availableMethods().stream().map(FlowMethod::id).toList(), offered);
        assertTrue(offered.containsAll(List.of("brox", "dis-fast", "tv-l1")), offered.toString());
        assertEquals(OpenCvCuda.whyUnavailable().isEmpty(), offered.contains("cuda-brox"), offered.toString());
    }

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

    /** Every task the engine fine-tunes is offered, each explained in the field's help; a clips spec survives. */
    @Test
    void theTaskChoiceOffersEveryTaskWithItsHelpAndClipsSurvivesTheForm() {
        SpecField task = SpecForm.fields().stream().filter(f -> f.key().equals("finetune.task")).findFirst()
                .orElseThrow();
        assertEquals(List.of("detection", "regions", "scenes", "clips"), task.choices());
        for (FinetuneTask t : FinetuneTask.values()) {
            assertTrue(task.help().contains(t.id() + ": "), t.id() + " is explained: " + task.help());
        }
        assertTrue(task.help().contains("clips: trained as scenes, each test clip scored by its frames' class "
                + "probabilities averaged"), task.help());
        RunSpec clips = RunSpec.builder().name("ucf").kind("finetune").data("/data/ucf").modality("flow")
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("sgd", 1e-3, 0.9, 5e-4)).batchSize(16).iterations(300)
                .inputSize(113).seed(1).device("auto").threads(0).checkpointEvery(100).logEvery(10)
                .finetune(new RunSpec.Finetune("paired", "random", null, "clips", null, null)).build();
        Map<String, Object> values = SpecForm.values(clips);
        assertEquals("clips", values.get("finetune.task"));
        assertEquals(FinetuneTask.CLIPS, SpecForm.build(values).finetune().task());
        assertEquals(clips, SpecForm.build(values));
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
    void aDistillSpecAndItsOwnSettingsSurviveTheForm() {
        RunSpec distill = RunSpec.builder().name("kd").kind("distill").data("/data").modality("depth")
                .teacher(new RunSpec.Teacher("network", "resnet18-small", "/runs/teacher", "layer4"))
                .student(new RunSpec.Student("resnet18-small", "layer4", null))
                .adaptation(new RunSpec.Adaptation(false, org.xmodal.engine.run.MatchTo.UNIT,
                        org.xmodal.engine.nn.HintLoss.PER_ELEMENT))
                .objective(org.xmodal.engine.objective.Objective.of(
                        new org.xmodal.engine.objective.Objective.Term("ce", 1),
                        new org.xmodal.engine.objective.Objective.Term("kd", 1),
                        new org.xmodal.engine.objective.Objective.Term("attention", 1000)))
                .distill(new Distill(2.0, List.of("layer3", "layer4"), 100, 64, 0.1, 0.9, 0.2, false, 0.3,
                        0.5))
                .optimizer(new RunSpec.Optimizer(OptimizerType.ADAM, 1e-3, 0, 5e-4)).batchSize(32).iterations(300)
                .inputSize(64).seed(1).device("auto").threads(0).checkpointEvery(60).logEvery(5).build();
        Map<String, Object> values = SpecForm.values(distill);
        assertEquals("layer3, layer4", values.get("distill.attentionTaps"));
        assertEquals(false, values.get("distill.cscAdaptive"));
        assertEquals("ce = 1, kd = 1, attention = 1000", values.get("objective.terms"));
        assertEquals(distill, SpecForm.build(values));
        // a blank list of attention layers: the engine's default ones
        values.put("distill.attentionTaps", " ");
        assertEquals(List.of("layer2", "layer3", "layer4"), SpecForm.build(values).distill().attentionTaps());
        // another kind has no distill section, whatever the hidden fields hold
        values.put("kind", "transfer");
        values.put("objective.terms", "hint = 1");
        assertNull(SpecForm.build(values).distill());
        assertEquals(SpecForm.distillValues(Distill.defaults()).get("distill.crdNegatives"), 4096);
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
        assertEquals(1e-4, SpecForm.field("optimizer.learningRate").parse("1e-4"));
        assertEquals("0.0001", SpecField.format(1e-4));
        assertEquals(12, SpecForm.field("batchSize").parse(" 12 "));
        assertNull(SpecForm.field("batchSize").parse("1.5"));
        assertNull(SpecForm.field("optimizer.learningRate").parse("NaN"));
        assertNull(SpecForm.field("optimizer.learningRate").parse("abc"));
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
        // a distill run: its own settings, the objective, its teacher and the hint's layers and normalisation; not
        // the teacher cache (its teacher's outputs are kept in memory), crops and flips (it warps whole images), the
        // norm matching, the backbone's rate, SOCKET's or fine-tuning's fields
        List<String> distill = shown.apply("distill");
        assertTrue(distill.containsAll(List.of("distill.temperature", "distill.attentionTaps", "distill.crdNegatives",
                "distill.crdEmbedding", "distill.crdTemperature", "distill.crdMomentum", "distill.cscThreshold",
                "distill.cscAdaptive", "distill.filterMargin", "distill.filterRate", "objective.terms",
                "teacher.source", "teacher.architecture", "teacher.weights", "teacher.tap", "student.tap",
                "adaptation.loss", "encoding.depth.camera")), distill.toString());
        assertTrue(distill.stream().noneMatch(k -> k.equals("teacher.cache") || k.startsWith("augmentation.")
                || k.startsWith("adaptation.match") || k.startsWith("finetune.") || k.startsWith("socket.")
                || k.equals("optimizer.backboneRate")), distill.toString());
        for (List<String> other : List.of(transfer, teacher, finetune, socket)) {
            assertTrue(other.stream().noneMatch(k -> k.startsWith("distill.")), other.toString());
        }
        // every field is shown for some kind
        for (SpecField f : SpecForm.fields()) {
            assertTrue(transfer.contains(f.key()) || teacher.contains(f.key()) || finetune.contains(f.key())
                    || flow.contains(f.key()) || socket.contains(f.key()) || distill.contains(f.key()), f.key());
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

    /** ... and each distill term: what it computes and the weight of its paper (or of RepDistiller's code). */
    @Test
    void theObjectivesHelpExplainsEachDistillTermAndItsPapersWeight() {
        String help = SpecForm.fields().stream().filter(f -> f.key().equals("objective.terms")).findFirst()
                .orElseThrow().help();
        Map<String, String> weights = new java.util.LinkedHashMap<>();
        weights.put("ce", "1");
        weights.put("hint", "1");
        weights.put("cosine-hint", "1");
        weights.put("kd", "1");
        weights.put("attention", "1000");
        weights.put("rkd-distance", "25");
        weights.put("rkd-angle", "50");
        weights.put("crd", "0.8");
        weights.put("csc", "1");
        weights.put("filter-ce", "1");
        weights.put("filter-triplet", "1");
        weights.put("filter-sparsity", "0.001");
        assertEquals(org.xmodal.engine.objective.Objective.DISTILL_TERMS, List.copyOf(weights.keySet()),
                "every term a distill run computes");
        for (Map.Entry<String, String> w : weights.entrySet()) {
            String term = w.getKey() + " = " + w.getValue() + " (";
            int at = help.indexOf(term, help.indexOf("Distill ("));
            assertTrue(at >= 0, term + " with what it does, in: " + help);
        }
        assertTrue(help.contains("T^2") && help.contains("classifier") && help.contains("memory bank"), help);
        assertEquals(java.util.Optional.of("ce = 1, csc = 1, filter-ce = 1, filter-triplet = 1, filter-sparsity = "
                + "0.001"), SpecForm.defaultTerms("distill"));
        assertTrue(SpecForm.termsFit("distill", "ce = 1, kd = 1"));
        assertFalse(SpecForm.termsFit("distill", "hint = 1"), "a transfer's hint alone trains no classifier");
        assertFalse(SpecForm.termsFit("distill", "ce = 1, bn-statistics = 0.5"));
        // every distill setting says what it does and its default
        for (SpecField f : SpecForm.fields()) {
            if (f.key().startsWith("distill.")) {
                assertTrue(f.help().contains("default"), f.key() + ": " + f.help());
            }
        }
    }

    private static final List<String> KINDS = List.of("transfer", "teacher", "finetune", "socket", "distill");

    /** The labels of the fields a kind's form shows for a modality, in the form's order. */
    private static List<String> labelsShown(String kind, String modality) {
        return SpecForm.fields().stream().filter(f -> SpecForm.appliesTo(f, kind, modality))
                .map(f -> f.label(kind)).toList();
    }

    /** One thing, one label: no kind's form shows two fields under one label, and no two fields share a label. */
    @Test
    void noKindsFormShowsTwoFieldsUnderOneLabel() {
        for (String kind : KINDS) {
            for (String modality : List.of("depth", "flow")) {
                List<String> shown = labelsShown(kind, modality);
                assertEquals(shown.size(), new java.util.HashSet<>(shown).size(), kind + "/" + modality + ": "
                        + shown);
            }
        }
        // Compare specs shows two runs of different kinds under the fields' own labels: those are distinct too
        List<String> own = SpecForm.fields().stream().map(SpecField::label).toList();
        assertEquals(own.size(), new java.util.HashSet<>(own).size(), own.toString());
    }

    /** A fine-tuning run's network starts from one field, not from both "Student starts from" and "Starts from". */
    @Test
    void aFineTuningFormHasOneStartingPoint() {
        List<String> finetune = labelsShown("finetune", "depth");
        assertTrue(finetune.contains("Starts from"), finetune.toString());
        assertTrue(finetune.stream().noneMatch(l -> l.startsWith("Student")), finetune.toString());
        assertTrue(labelsShown("transfer", "depth").contains("Student starts from"));
        // and a spec made there does not carry a hidden student initialisation the engine would check
        Map<String, Object> values = SpecForm.values(RunFolders.spec("x", "/data"));
        values.put("student.init", "/runs/some-teacher");
        values.put("kind", "finetune");
        values.put("teacher.source", "");
        values.put("finetune.proposals", 300);
        values.put("finetune.foreground", 0.25);
        assertTrue(SpecForm.build(values).student().randomInit());
    }

    /** A teacher is not a student: its form says "Network", has no paired modality and no student field. */
    @Test
    void theTeacherKindsFormCallsItsNetworkNetworkNotStudent() {
        List<String> teacher = labelsShown("teacher", "depth");
        assertTrue(teacher.contains("Network"), teacher.toString());
        assertTrue(teacher.stream().noneMatch(l -> l.contains("Student") || l.contains("sees")), teacher.toString());
        List<String> transfer = labelsShown("transfer", "depth");
        assertTrue(transfer.containsAll(List.of("Student sees", "Student network", "Teacher network")),
                transfer.toString());
        assertTrue(labelsShown("socket", "depth").containsAll(List.of("Network sees", "Network")));
        assertTrue(labelsShown("finetune", "depth").containsAll(List.of("Paired modality", "Network")));
    }

    /** The engine's messages name fields by their labels for the kind, whatever key they name them by. */
    @Test
    void theEnginesMessagesNameFieldsByTheFormsLabels() {
        assertEquals("Proposals per image must be at least 1, got 0",
                FormWords.of("finetune.proposals must be at least 1, got 0", "finetune"));
        assertEquals("Network must be resnet18-bottleneck", FormWords.of("student.architecture must be "
                + "resnet18-bottleneck", "socket"));
        assertEquals("Student network must be alexnet-small", FormWords.of("student.architecture must be "
                + "alexnet-small", "transfer"));
        assertEquals("Dataset: the dataset path is required", FormWords.of("data: the dataset path is required",
                "teacher"));
        // an English word that is also a key is left alone inside a sentence
        assertEquals("the name of a finished run in that folder", FormWords.of("the name of a finished run in that "
                + "folder", "transfer"));
        Map<String, Object> values = SpecForm.values(RunFolders.spec("x", "/data"));
        values.put("kind", "finetune");
        values.put("teacher.source", "");
        values.put("finetune.task", "detection");
        values.put("finetune.proposals", 300);
        values.put("finetune.foreground", 2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecForm.build(values));
        assertEquals("Foreground fraction must be in (0, 1], got 2.0", e.getMessage());
    }

    /**
     * Every field's tooltip says what the field is and its default, its range or that it is required, in the field's
     * words (not its key in spec.json).
     */
    @Test
    void everyFieldsHelpSaysItsDefaultOrRange() {
        List<String> lacking = new java.util.ArrayList<>();
        for (SpecField f : SpecForm.fields()) {
            String help = f.help();
            if (help.length() < f.label().length() + 20
                    || !(help.contains("default") || help.contains("required")
                    || help.matches(".*(at least|above 0|between|in [\\[(]|\\d+ to \\d+).*"))
                    || f.key().contains(".") && help.contains(f.key())) {
                lacking.add(f.key() + ": " + help);
            }
        }
        assertEquals(List.of(), lacking);
    }
}
