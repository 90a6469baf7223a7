package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.hha.FloorReference;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunKinds;

/** A spec's encoding section and typed fields, as users write them and as the engine stores them. */
class RunSpecEncodingTest {
    private static final String BASE = "\"data\": \"rooms\", \"teacher\": {\"source\": \"random\", \"architecture\": "
            + "\"alexnet-small\"}, \"student\": {\"architecture\": \"alexnet-small\", \"tap\": \"pool5\"}, "
            + "\"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64";

    private static RunSpec read(Path dir, String json) throws Exception {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, json);
        return RunSpecFiles.read(f);
    }

    @Test
    void aSpecWithoutEncodingTakesTodaysDefaultsAndStoresEveryField(@TempDir Path dir) throws Exception {
        RunSpec s = read(dir, "{" + BASE + "}");
        assertEquals(Encoding.defaults(), s.encoding());
        Encoding.Depth d = s.encoding().depth();
        assertEquals(Encoding.DepthInput.HHA, d.input());
        assertEquals(Encoding.Camera.DATASET, d.camera());
        assertEquals(3, d.normalRadius());
        assertEquals(10, d.gravityRadius());
        assertEquals(List.of(new Encoding.GravityStage(45, 5), new Encoding.GravityStage(15, 5)), d.gravityStages());
        assertEquals(FloorReference.LOWEST_POINT, d.floorReference());
        assertEquals(FlowMethod.BROX, s.encoding().flow().method());
        assertEquals(16, s.encoding().flow().scale());
        assertEquals(8, s.encoding().flow().clip());
        // the stored spec names every field, with the values a Python user reads
        JsonNode stored = Json.MAPPER.valueToTree(s);
        JsonNode depth = stored.path("encoding").path("depth");
        assertEquals("hha", depth.path("input").asText());
        assertEquals("dataset", depth.path("camera").asText());
        assertEquals(45.0, depth.path("gravityStages").get(0).path("angleDegrees").asDouble());
        assertEquals("lowest-point", depth.path("floorReference").asText());
        JsonNode flow = stored.path("encoding").path("flow");
        assertEquals("brox", flow.path("method").asText());
        assertEquals(0.04, flow.path("alpha").asDouble());
        assertEquals(10, flow.path("warps").asInt());
        assertEquals("transfer", stored.path("kind").asText());
        assertEquals("random", stored.path("teacher").path("source").asText());
        assertEquals("sgd", stored.path("optimizer").path("type").asText());
        assertEquals("auto", stored.path("device").asText());
        // and reads back as the same spec
        assertEquals(s, Json.MAPPER.treeToValue(stored, RunSpec.class));
    }

    @Test
    void aPartialEncodingKeepsWhatItSaysAndDefaultsTheRest(@TempDir Path dir) throws Exception {
        RunSpec s = read(dir, "{" + BASE + ", \"encoding\": {\"depth\": {\"camera\": \"explicit\", \"intrinsics\": "
                + "{\"fx\": 500, \"fy\": 500, \"cx\": 320, \"cy\": 240, \"width\": 640, \"height\": 480}, "
                + "\"gravityStages\": [{\"angleDegrees\": 30, \"iterations\": 4}], \"floorReference\": "
                + "\"floor-plane\"}, \"flow\": {\"method\": \"horn-schunck\", \"scale\": 8}}}");
        Encoding.Depth d = s.encoding().depth();
        assertEquals(500, d.hha(java.util.Optional.empty()).camera().fx());
        assertEquals(List.of(new Encoding.GravityStage(30, 4)), d.gravityStages());
        assertEquals(3, d.normalRadius());
        Encoding.Flow f = s.encoding().flow();
        assertEquals(0.05, f.alpha(), "horn-schunck's own alpha, not brox's");
        assertEquals(150, f.innerIterations());
        assertEquals(16, f.clip(), "clipped where a scale of 8 saturates");
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("\"encoding\": {\"depth\": {\"floorReference\": \"flor\"}}",
                        "encoding.depth.floorReference must be lowest-point or floor-plane, not 'flor'"),
                Arguments.of("\"encoding\": {\"depth\": {\"input\": \"hhb\"}}",
                        "encoding.depth.input must be hha or depth, not 'hhb'"),
                Arguments.of("\"encoding\": {\"depth\": {\"normalRadius\": 0}}",
                        "encoding.depth.normalRadius must be 1 to 50 pixels, got 0"),
                Arguments.of("\"encoding\": {\"depth\": {\"camera\": \"explicit\"}}",
                        "encoding.depth.intrinsics is required when camera is explicit"),
                Arguments.of("\"encoding\": {\"depth\": {\"gravityStages\": [{\"angleDegrees\": 95, \"iterations\": "
                        + "5}]}}", "encoding.depth.gravityStages[0]: angleDegrees must be in (0, 90)"),
                Arguments.of("\"encoding\": {\"flow\": {\"method\": \"deepflow\"}}",
                        "encoding.flow.method must be brox, horn-schunck, klt, region, dis-ultrafast, dis-fast, "
                                + "dis-medium, farneback, tv-l1, cuda-brox, cuda-tv-l1, cuda-farneback or "
                                + "cuda-pyrlk, not 'deepflow'"),
                Arguments.of("\"encoding\": {\"flow\": {\"warps\": 0}}",
                        "encoding.flow: flow warps and inner iterations must be 1 to 200"),
                Arguments.of("\"encoding\": {\"depth\": {\"normalRaduis\": 4}}",
                        "unknown field \"encoding.depth.normalRaduis\" in this run spec; did you mean "
                                + "\"normalRadius\"?"),
                Arguments.of("\"kind\": \"tranfser\"",
                        "kind must be transfer, teacher, finetune, socket or distill, not 'tranfser'"),
                Arguments.of("\"optimizer\": {\"type\": \"rmsprop\", \"learningRate\": 0.1, \"momentum\": 0.9, "
                        + "\"weightDecay\": 0}", "optimizer.type must be sgd, adam or adamw, not 'rmsprop'"),
                Arguments.of("\"modality\": \"sonar\"", "modality must be depth or flow, not 'sonar'"),
                Arguments.of("\"device\": \"tpu\"", "device must be auto, cpu, gpu, gpu:N"));
    }

    @Test
    void anArchitectureTheEngineCannotBuildIsNamedWithTheOnesItCan(@TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(dir, "{" + BASE.replace(
                "{\"architecture\": \"alexnet-small\", \"tap\"", "{\"architecture\": \"alexnett\", \"tap\"") + "}"));
        assertTrue(e.getMessage().endsWith("student.architecture must be alexnet, alexnet-pad7, alexnet-small, vgg16, "
                + "resnet18, resnet18-small, resnet18-bottleneck or resnet50-bottleneck, not 'alexnett'"), e.getMessage());
    }

    @Test
    void aLayerTheNetworkDoesNotHaveIsRefusedBeforeARunFolderIsMade(@TempDir Path dir) throws Exception {
        RunSpec s = read(dir, "{" + BASE.replace("\"rooms\"", "\"" + dir.toString().replace("\\", "/") + "\"")
                .replace("\"tap\": \"pool5\"", "\"tap\": \"pool9\"") + "}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunKinds.check(s));
        assertTrue(e.getMessage().startsWith("student.tap must be one of alexnet-small's layers conv1, "), e.getMessage());
        assertTrue(e.getMessage().endsWith("not 'pool9'"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void aBadFieldIsNamedWithWhatItMayBe(String field, String message, @TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(dir, "{" + BASE + ", " + field
                + "}"));
        assertTrue(e.getMessage().contains("spec.json") && e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aMisspeltTeacherSourceIsNamedWithTheSourcesThatExist(@TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(dir, "{" + BASE.replace(
                "\"source\": \"random\"", "\"source\": \"netwrk\"") + "}"));
        assertTrue(e.getMessage().endsWith("teacher.source must be network, torchscript or random, not 'netwrk'"),
                e.getMessage());
    }

    @Test
    void theBuilderMakesWhatTheJsonMakes(@TempDir Path dir) throws Exception {
        RunSpec fromJson = read(dir, "{" + BASE + ", \"name\": \"b\", \"seed\": 4}");
        RunSpec built = RunSpec.builder().name("b").data(fromJson.data()).teacher(new RunSpec.Teacher("random",
                "alexnet-small", null, null)).student(new RunSpec.Student("alexnet-small", "pool5", null))
                .batchSize(8).iterations(10).inputSize(64).seed(4).build();
        // one difference on purpose: a spec without an encoding section is an old run's (Brox flow, which it must
        // resume on), while a spec built from nothing is a new run's (DIS-fast flow)
        assertEquals(org.xmodal.engine.encode.Encoding.defaults(), fromJson.encoding());
        assertEquals(org.xmodal.engine.encode.Encoding.forNewRuns(), built.encoding());
        assertEquals(org.xmodal.engine.flow.FlowMethod.BROX, fromJson.encoding().flow().method());
        assertEquals(org.xmodal.engine.flow.FlowMethod.DIS_FAST, built.encoding().flow().method());
        assertEquals(fromJson, built.toBuilder().encoding(fromJson.encoding()).build());
        assertEquals(built, built.toBuilder().build());
        assertEquals(7, built.withSeed(7).seed());
        assertEquals(built.encoding(), built.withSeed(7).encoding());
    }
}
