package org.xmodal.engine.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.cli.XmodalCli;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;

/** The export against safetensors' specification, read here without the writer's code. */
class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file as the specification describes it: header length, JSON header, data; every rule checked. */
    private record Parsed(JsonNode header, byte[] data, long headerLength) {
    }

    private static Parsed parse(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertTrue(n > 0 && 8 + n <= all.length, "header length " + n);
        assertEquals(0, (8 + n) % 8, "the data starts 8-byte aligned");
        String text = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{"), "the header is a JSON object");
        assertEquals(text.stripTrailing(), text.strip(), "padding is trailing spaces only");
        JsonNode header = new ObjectMapper().readTree(text);
        byte[] data = java.util.Arrays.copyOfRange(all, (int) (8 + n), all.length);
        // offsets: in order, contiguous from 0, covering the data exactly, each the size its dtype and shape say
        long expected = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> assertTrue(m.getValue().isTextual(), m.getKey()));
                continue;
            }
            JsonNode t = e.getValue();
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            assertEquals(expected, begin, e.getKey());
            long count = 1;
            for (JsonNode d : t.get("shape")) {
                count *= d.asLong();
            }
            int width = switch (t.get("dtype").asText()) {
                case "F32" -> 4;
                case "I64" -> 8;
                default -> throw new AssertionError("dtype " + t.get("dtype"));
            };
            assertEquals(count * width, end - begin, e.getKey());
            expected = end;
        }
        assertEquals(expected, data.length, "the data holds the tensors and nothing else");
        return new Parsed(header, data, n);
    }

    private static float[] floats(Parsed p, String name) {
        JsonNode t = p.header().get(name);
        int begin = t.get("data_offsets").get(0).asInt();
        int end = t.get("data_offsets").get(1).asInt();
        float[] out = new float[(end - begin) / 4];
        ByteBuffer.wrap(p.data(), begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private Path weights(Map<String, Shape> shapes) throws Exception {
        Path file = dir.resolve("weights.params");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            int seed = 1;
            for (Map.Entry<String, Shape> e : shapes.entrySet()) {
                arrays.put(e.getKey(), m.arange(0f, (float) e.getValue().size()).mul(0.001f * seed++)
                        .reshape(e.getValue()));
            }
            NetworkWeights.saveArrays(arrays, file);
        }
        return file;
    }

    @Test
    void alexnetsLayersTakePyTorchsNamesAndTheirValues() throws Exception {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("conv1.weight", new Shape(24, 3, 11, 11));
        shapes.put("conv1.bias", new Shape(24));
        shapes.put("conv2.weight", new Shape(64, 12, 5, 5));
        shapes.put("conv5.bias", new Shape(64));
        shapes.put("fc8.weight", new Shape(5, 1024));
        shapes.put("bbox_pred.weight", new Shape(20, 1024));
        Path w = weights(shapes);
        Path out = dir.resolve("student.safetensors");
        Safetensors.Written written = Safetensors.export(w, "alexnet-small", Map.of("format", "pt"), out);
        Parsed p = parse(out);
        List<String> names = new ArrayList<>();
        p.header().fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("__metadata__", "features.0.weight", "features.0.bias", "features.4.weight",
                "features.12.bias", "classifier.6.weight", "bbox_pred.weight"), names);
        assertEquals("pt", p.header().get("__metadata__").get("format").asText());
        assertEquals("[24,3,11,11]", p.header().get("features.0.weight").get("shape").toString());
        assertEquals("F32", p.header().get("features.0.weight").get("dtype").asText());
        for (String name : shapes.keySet()) {
            assertArrayEquals(NetworkWeights.readValues(w, name).data(),
                    floats(p, TorchNames.of("alexnet-small", name)), name);
        }
        assertEquals(6, written.tensors());
        assertEquals(Files.size(out), written.bytes());
    }

    @Test
    void vggIsNumberedAsTorchvisionsAndResNetsCountTheirBatchNormBatches() throws Exception {
        assertEquals("features.0.weight", TorchNames.of("vgg16", "conv1_1.weight"));
        assertEquals("features.2.weight", TorchNames.of("vgg16", "conv1_2.weight"));
        assertEquals("features.5.bias", TorchNames.of("vgg16", "conv2_1.bias"));
        assertEquals("features.28.weight", TorchNames.of("vgg16", "conv5_3.weight"));
        assertEquals("classifier.3.weight", TorchNames.of("vgg16", "fc7.weight"));
        assertEquals("layer2.0.downsample.1.running_var",
                TorchNames.of("resnet18", "layer2.0.downsample.1.running_var"));

        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("conv1.weight", new Shape(4, 3, 7, 7));
        shapes.put("bn1.weight", new Shape(4));
        shapes.put("bn1.bias", new Shape(4));
        shapes.put("bn1.running_mean", new Shape(4));
        shapes.put("bn1.running_var", new Shape(4));
        Path out = dir.resolve("resnet.safetensors");
        Safetensors.export(weights(shapes), "resnet18-small", Map.of(), out);
        Parsed p = parse(out);
        JsonNode count = p.header().get("bn1.num_batches_tracked");
        assertEquals("I64", count.get("dtype").asText());
        assertEquals("[]", count.get("shape").toString(), "a scalar, as PyTorch's");
        assertEquals(0L, ByteBuffer.wrap(p.data(), count.get("data_offsets").get(0).asInt(), 8)
                .order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void theCommandRefusesARunThatHasNotFinishedNamingTheFile() throws Exception {
        RunSpec spec = RunSpec.builder().name("t").kind("teacher").data(dir.toString())
                .student(new RunSpec.Student("alexnet-small", null, null)).batchSize(2).iterations(1).inputSize(64)
                .build();
        RunDirectory run = RunDirectory.create(dir.resolve("runs"), spec);
        org.xmodal.engine.cli.CliRun r = org.xmodal.engine.cli.CliRun.of("export", run.path().toString(), "--out",
                dir.resolve("x.safetensors").toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
        String said = r.err();
        assertTrue(said.contains("results/weights.params") && said.contains("has not finished"), said);
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }
}
