package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.json.Json;

class SpecDiffTest {
    @Test
    void differingFieldsComeFirstAsDottedPathsAndTheSharedOnesFollow() throws Exception {
        var a = Json.MAPPER.readTree("{\"name\":\"a\",\"kind\":\"transfer\",\"optimizer\":{\"type\":\"sgd\","
                + "\"learningRate\":0.001},\"filterSnapshots\":[1,2]}");
        var b = Json.MAPPER.readTree("{\"name\":\"b\",\"kind\":\"transfer\",\"optimizer\":{\"type\":\"sgd\","
                + "\"learningRate\":0.0001},\"filterSnapshots\":[1,2],\"seed\":4}");
        List<SpecDiff.Row> rows = SpecDiff.between(a, b);
        assertEquals(List.of("name", "optimizer.learningRate", "seed", "kind", "optimizer.type", "filterSnapshots"),
                rows.stream().map(SpecDiff.Row::field).toList());
        assertEquals(new SpecDiff.Row("seed", "", "4"), rows.get(2));
        assertTrue(rows.get(1).differs());
        assertFalse(rows.get(5).differs());
        assertEquals("[1, 2]", rows.get(5).left());
    }

    @Test
    void aSpecFromBeforeTheEncodingSectionComparesOnTheEncodingItRanWith() throws Exception {
        String base = "\"kind\":\"transfer\",\"data\":\"/d\",\"teacher\":{\"source\":\"random\","
                + "\"architecture\":\"alexnet-small\"},\"student\":{\"architecture\":\"alexnet-small\"},"
                + "\"batchSize\":8,\"iterations\":10,\"inputSize\":64";
        var old = SpecDiff.withDefaults(Json.MAPPER.readTree("{" + base + "}"));
        var tuned = SpecDiff.withDefaults(Json.MAPPER.readTree("{" + base + ",\"encoding\":{\"depth\":"
                + "{\"normalRadius\":5,\"floorReference\":\"floor-plane\"}},\"futureField\":1}"));
        List<SpecDiff.Row> rows = SpecDiff.between(old, tuned);
        List<SpecDiff.Row> differ = rows.stream().filter(SpecDiff.Row::differs).toList();
        assertEquals(List.of(new SpecDiff.Row("encoding.depth.normalRadius", "3", "5"),
                new SpecDiff.Row("encoding.depth.floorReference", "lowest-point", "floor-plane"),
                new SpecDiff.Row("futureField", "", "1")), differ);
        assertTrue(rows.contains(new SpecDiff.Row("encoding.depth.camera", "dataset", "dataset")));
        assertTrue(rows.contains(new SpecDiff.Row("encoding.flow.method", "brox", "brox")));
    }

    @Test
    void fieldsAreNamedAsTheFormNamesThem() {
        String tap = SpecForm.fields().stream().filter(f -> f.key().equals("teacher.tap")).findFirst().orElseThrow()
                .label();
        assertEquals(tap, SpecDiff.label("teacher.tap"));
        org.junit.jupiter.api.Assertions.assertNotEquals("teacher.tap", tap, "the form has words of its own for it");
        assertEquals("some.newer.field", SpecDiff.label("some.newer.field"), "a field the form lacks keeps its path");
    }

    /** Two teacher runs compared: their network is "Network", as their form calls it; a transfer's is its student's. */
    @Test
    void twoRunsOfOneKindAreComparedInThatKindsWords() {
        List<SpecDiff.Row> teachers = List.of(new SpecDiff.Row("kind", "teacher", "teacher"),
                new SpecDiff.Row("student.architecture", "alexnet-small", "resnet18-small"));
        assertEquals("teacher", SpecDiff.sharedKind(teachers));
        assertEquals("Network", SpecDiff.label("student.architecture", SpecDiff.sharedKind(teachers)));
        assertEquals("Student network", SpecDiff.label("student.architecture", "transfer"));
        List<SpecDiff.Row> mixed = List.of(new SpecDiff.Row("kind", "teacher", "transfer"));
        assertNull(SpecDiff.sharedKind(mixed));
        assertEquals("Network", SpecDiff.label("student.architecture", null), "the field's own label");
        assertEquals("Starts from", SpecDiff.label("finetune.init", null));
    }
}
