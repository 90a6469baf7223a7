package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.RepositoryRoot;
import org.xmodal.engine.cli.XmodalCli;
import org.xmodal.engine.json.Json;
import picocli.CommandLine;

/**
 * The bundled sample data is what sample-data/README.md says made it: the command recorded there, re-run for the
 * first scenes and the first sequence, gives the committed files.
 */
class SampleDataRegenerationTest {
    private static final String SCENES = "3";
    private static final String SEQUENCES = "1";

    @TempDir
    Path tmp;

    @Test
    void recordedCommandRegeneratesTheFirstScenesAndSequenceOfTheBundledData() throws IOException {
        Path root = repositoryRoot();
        List<String> args = recordedCommand(root.resolve("sample-data/README.md"));
        Path committed = root.resolve(option(args, "--out"));
        Path regenerated = tmp.resolve("regenerated");
        setOption(args, "--out", regenerated.toString());
        setOption(args, "--scenes", SCENES);
        if (args.contains("--flow-sequences")) {
            setOption(args, "--flow-sequences", SEQUENCES);
        }
        args.remove("--force");

        CommandLine cl = XmodalCli.commandLine();
        StringWriter log = new StringWriter();
        cl.setOut(new PrintWriter(log, true));
        cl.setErr(new PrintWriter(log, true));
        assertEquals(0, cl.execute(args.toArray(String[]::new)), log.toString());

        List<Path> files;
        try (Stream<Path> walk = Files.walk(regenerated)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("dataset.json")).sorted().toList();
        }
        assertTrue(files.size() >= 3 * 5, "regenerated " + files);
        for (Path file : files) {
            Path relative = regenerated.relativize(file);
            Path original = committed.resolve(relative.toString());
            assertTrue(Files.isRegularFile(original), "committed copy of " + relative);
            assertSameContent(original, file, relative.toString());
        }
        assertSameEntries(committed.resolve("dataset.json"), regenerated.resolve("dataset.json"));
        if (Files.exists(regenerated.resolve("flow/dataset.json"))) {
            assertSameEntries(committed.resolve("flow/dataset.json"), regenerated.resolve("flow/dataset.json"));
        }
    }

    /** Every pair of the regenerated manifest appears, identical, in the committed one. */
    private static void assertSameEntries(Path committed, Path regenerated) throws IOException {
        JsonNode all = Json.MAPPER.readTree(committed.toFile()).get("pairs");
        JsonNode some = Json.MAPPER.readTree(regenerated.toFile()).get("pairs");
        for (int i = 0; i < some.size(); i++) {
            assertEquals(all.get(i), some.get(i), "pair " + i + " of " + committed);
        }
    }

    /** Bytes for JSON and .flo; pixel values for PNGs, which another zlib build may compress differently. */
    private static void assertSameContent(Path expected, Path actual, String name) throws IOException {
        byte[] a = Files.readAllBytes(expected);
        byte[] b = Files.readAllBytes(actual);
        if (Arrays.equals(a, b)) {
            return;
        }
        assertTrue(name.endsWith(".png"), name + " differs from the committed file");
        var x = ImageIO.read(expected.toFile()).getRaster();
        var y = ImageIO.read(actual.toFile()).getRaster();
        assertEquals(x.getNumBands(), y.getNumBands(), name);
        assertArrayEquals(x.getPixels(0, 0, x.getWidth(), x.getHeight(), (int[]) null),
                y.getPixels(0, 0, y.getWidth(), y.getHeight(), (int[]) null), name + " pixels");
    }

    /** The arguments after {@code ./xmodal} of the README's first {@code ./xmodal synth} line. */
    private static List<String> recordedCommand(Path readme) throws IOException {
        for (String line : Files.readAllLines(readme)) {
            String t = line.trim();
            if (t.startsWith("./xmodal synth ")) {
                return new ArrayList<>(List.of(t.substring("./xmodal ".length()).split("\\s+")));
            }
        }
        throw new AssertionError(readme + " records no './xmodal synth' command");
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        assertTrue(i >= 0 && i + 1 < args.size(), "the recorded command has no " + name);
        return args.get(i + 1);
    }

    private static void setOption(List<String> args, String name, String value) {
        option(args, name);
        args.set(args.indexOf(name) + 1, value);
    }

    private static Path repositoryRoot() {
        return RepositoryRoot.find();
    }
}
