package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
