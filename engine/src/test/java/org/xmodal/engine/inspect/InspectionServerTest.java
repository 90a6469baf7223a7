package org.xmodal.engine.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.nn.WeightInit;

/** The inspection process's loop: one answer line per request, in order, a bad one answered with its reason. */
class InspectionServerTest {
    private static List<InspectionServer.Answer> serve(String... lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InspectionServer server = new InspectionServer()) {
            server.serve(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
        }
        List<InspectionServer.Answer> answers = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            assertTrue(line.startsWith(InspectionServer.PREFIX), line);
            answers.add(Json.COMPACT.readValue(line.substring(InspectionServer.PREFIX.length()),
                    InspectionServer.Answer.class));
        }
        return answers;
    }

    private static String asked(long id, Question q) {
        return Json.compact(new InspectionServer.Asked(id, q));
    }

    @Test
    void answersEachRequestInOrderAndSaysWhatWasWrongWithTheOthers() throws Exception {
        RandomFilters.Request init = new RandomFilters.Request("alexnet-small", 5, WeightInit.KAIMING);
        Path missing = Path.of("no-such-run", "checkpoints", "step-20.params");
        List<InspectionServer.Answer> answers = serve("this is not JSON", "", asked(7, init),
                asked(8, new NetworkFeatures.Request("alexnet-small", missing, "pool5",
                        org.xmodal.engine.image.RgbImage.blank(64, 64))),
                asked(9, new Microscope.TakeStep(3, 1e-4)));
        assertEquals(4, answers.size(), "the blank line is skipped, every other one answered");
        assertEquals(-1, answers.get(0).id());
        assertTrue(answers.get(0).error().startsWith("the request could not be read"), answers.get(0).error());
        assertEquals(7, answers.get(1).id());
        assertNull(answers.get(1).error());
        RandomFilters.Result drawn = (RandomFilters.Result) answers.get(1).reply();
        assertArrayEquals(RandomFilters.compute(init).values(), drawn.values(), "the seed's own filters");
        assertEquals(8, answers.get(2).id());
        assertTrue(answers.get(2).error().contains(missing.toString()), answers.get(2).error());
        assertEquals(9, answers.get(3).id());
        assertTrue(answers.get(3).error().contains("open it again"), answers.get(3).error());
    }

    @Test
    void saysWhatEngineAndDevicesItHasAsTheWorkbenchReadsThem() throws Exception {
        List<InspectionServer.Answer> answers = serve(asked(3, new EngineDescription.Request()));
        assertEquals(1, answers.size());
        assertNull(answers.get(0).error());
        org.xmodal.engine.device.EngineInfo info = ((EngineDescription.Result) answers.get(0).reply()).info();
        assertEquals("PyTorch", info.engine());
        assertEquals(org.xmodal.engine.BuildInfo.get().pytorchVersion(), info.engineVersion());
        assertEquals(Runtime.getRuntime().availableProcessors(), info.cpuCores());
        assertEquals(List.of(), info.gpus(), "no GPU on the machines the tests run on");
    }
}
