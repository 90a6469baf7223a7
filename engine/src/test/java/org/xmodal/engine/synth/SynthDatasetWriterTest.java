package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.folder.AnnotationJson;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

class SynthDatasetWriterTest {
    private static final SynthConfig CONFIG = SynthConfig.of(77, 6).withFlow(2, 3);

    @TempDir
    Path tmp;

    @Test
    void sameConfigurationWritesByteIdenticalFilesWhateverTheNumberOfThreads() throws IOException {
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        SynthDatasetWriter.write(CONFIG, one, false, 1, ProgressListener.NONE, Cancellation.NEVER);
        SynthDatasetWriter.write(CONFIG, three, false, 3, ProgressListener.NONE, Cancellation.NEVER);

        Map<String, byte[]> a = files(one);
        Map<String, byte[]> b = files(three);
        assertEquals(a.keySet(), b.keySet());
        // 6 scenes x 5 files, 2 sequences x (3 frames + 2 x 3 pair files), 2 manifests.
        assertEquals(6 * 5 + 2 * (3 + 2 * 3) + 2, a.size(), "files: " + a.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
    }

    @Test
    void manifestsListDepthAndFlowPairsWithTheirFiles() throws IOException {
        Path out = tmp.resolve("data");
        SynthDatasetWriter.Summary summary = SynthDatasetWriter.write(CONFIG, out, false, 2, ProgressListener.NONE,
                Cancellation.NEVER);
        assertEquals(6, summary.depthPairs());
        assertEquals(4, summary.flowPairs());

        JsonNode depth = Json.MAPPER.readTree(out.resolve("dataset.json").toFile());
        assertEquals("depth", depth.get("modality").asText());
        assertEquals(1000.0, depth.get("depthUnitsPerMetre").asDouble());
        assertEquals(19, depth.get("classes").size());
        assertEquals(SynthGenerator.NAME, depth.at("/provenance/generator").asText());
        assertEquals(CONFIG.command(), depth.at("/provenance/command").asText());
        assertEquals(6, depth.get("pairs").size());
        SynthGenerator generator = new SynthGenerator(CONFIG);
        JsonNode first = depth.get("pairs").get(0);
        assertEquals("scene-000000", first.get("id").asText());
        SynthScene scene = generator.scene(0);
        assertEquals(scene.split().id(), first.get("split").asText());
        DepthMap raw = ImageFiles.readDepth16(out.resolve(first.get("depthRaw").asText()), 1000);
        for (int i = 0; i < raw.metres().length; i++) {
            assertEquals(Math.rint(scene.rawDepth().metres()[i] * 1000) / 1000, raw.metres()[i], 1e-6);
        }
        assertEquals(1.0, ImageFiles.readDepth16(out.resolve(first.get("depth").asText()), 1000).validFraction());
        assertArrayEquals(scene.instances(), ImageFiles.readUShort(out.resolve(first.get("instances").asText()),
                160, 120));
        AnnotationJson annotation = Json.MAPPER.readValue(out.resolve(first.get("annotations").asText()).toFile(),
                AnnotationJson.class);
        assertEquals(Json.compact(AnnotationJson.of(scene.annotation())), Json.compact(annotation));

        JsonNode flow = Json.MAPPER.readTree(out.resolve("flow/dataset.json").toFile());
        assertEquals("flow", flow.get("modality").asText());
        assertNull(flow.get("depthUnitsPerMetre"));
        List<String> ids = flow.get("pairs").findValuesAsText("id");
        assertEquals(List.of("seq-0000-f00", "seq-0000-f01", "seq-0001-f00", "seq-0001-f01"), ids);
        JsonNode pair = flow.get("pairs").get(1);
        assertEquals("rgb/seq-0000-f01.png", pair.get("rgb").asText());
        assertEquals("rgb/seq-0000-f02.png", pair.get("next").asText());
        FlowField written = FloFile.read(out.resolve("flow").resolve(pair.get("flow").asText()));
        assertArrayEquals(generator.sequence(0).flows().get(1).u(), written.u());
        assertTrue(Files.isRegularFile(out.resolve("flow").resolve(pair.get("annotations").asText())));
        assertTrue(!Files.exists(out.resolve(SynthOutputFolder.UNFINISHED_MARKER)), "a finished run is unmarked");
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
