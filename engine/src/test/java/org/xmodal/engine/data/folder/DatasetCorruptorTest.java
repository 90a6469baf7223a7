package org.xmodal.engine.data.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.Corruption.Kind;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/** Noisy pairs: a copy of a dataset whose chosen train pairs have their RGB (the teacher's view) spoiled. */
class DatasetCorruptorTest {
    private static final Set<Kind> ALL = EnumSet.allOf(Kind.class);

    @TempDir
    static Path shared;
    /** 24 synthetic scenes of 5 scene classes at 64x48 (about 18 train pairs), and 2 flow sequences of 4 frames. */
    private static Path clean;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() throws IOException {
        clean = shared.resolve("clean");
        SynthDatasetWriter.write(SynthConfig.of(5, 24).withSize(64, 48).withFlow(2, 4), clean, false, 2,
                ProgressListener.NONE, Cancellation.NEVER);
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static PairedDataset load(Path dir) throws IOException {
        return FolderDatasetLoader.load(dir);
    }

    @Test
    void corruptsExactlyTheAskedShareOfTrainPairsAndLeavesEverythingElseAsItWas() throws IOException {
        Path out = tmp.resolve("noisy");
        DatasetCorruptor.Report report = DatasetCorruptor.corrupt(clean, out, 0.5, 3, ALL, ProgressListener.NONE);
        try (PairedDataset before = load(clean); PairedDataset after = load(out)) {
            int train = before.pairs(Split.TRAIN).size();
            assertEquals(train, report.trainPairs());
            assertEquals(Math.round(0.5 * train), report.total());
            assertEquals(report.total(), report.counts().values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(after.report().isClean(), () -> after.report().issues().toString());
            assertEquals(before.pairs().size(), after.pairs().size());
            List<Pair> corrupted = after.pairs().stream().filter(Pair::corrupted).toList();
            assertEquals(report.corrupted().keySet(), Set.copyOf(corrupted.stream().map(Pair::id).toList()));
            assertTrue(corrupted.stream().allMatch(p -> p.split() == Split.TRAIN), "only train pairs");
            for (Pair p : after.pairs()) {
                Pair original = before.pair(p.id()).orElseThrow();
                assertArrayEquals(Files.readAllBytes(original.files().partner()), Files.readAllBytes(p.files()
                        .partner()), p.id() + ": the student's view is unchanged");
                assertEquals(original.annotation().sceneClass(), p.annotation().sceneClass());
                assertEquals(original.annotation().objects(), p.annotation().objects());
                assertEquals(original.labelled(), p.labelled());
                byte[] rgbBefore = Files.readAllBytes(original.files().rgb());
                byte[] rgbAfter = Files.readAllBytes(p.files().rgb());
                if (p.corrupted()) {
                    assertFalse(java.util.Arrays.equals(rgbBefore, rgbAfter), p.id() + " is corrupted");
                    Corruption c = p.corruption().orElseThrow();
                    if (c.from() != null) {
                        assertEquals(Split.TRAIN, before.pair(c.from()).orElseThrow().split(),
                                p.id() + ": never a test image");
                    }
                } else {
                    assertArrayEquals(rgbBefore, rgbAfter, p.id() + ": a clean pair's RGB is unchanged");
                }
            }
        }
        Map<String, byte[]> a = files(clean);
        Map<String, byte[]> b = files(out);
        assertEquals(a.keySet(), b.keySet(), "the same files, nothing added");
        for (String name : a.keySet()) {
            boolean changed = name.equals("dataset.json") || report.corrupted().keySet().stream()
                    .anyMatch(id -> name.equals("rgb/" + id + ".png"));
            if (!changed) {
                assertArrayEquals(a.get(name), b.get(name), name + " is copied unchanged");
            }
        }
    }

    @Test
    void theManifestRecordsEachCorruptionAndTheProvenanceSaysHowTheCopyWasMade() throws IOException {
        Path out = tmp.resolve("noisy");
        DatasetCorruptor.Report report = DatasetCorruptor.corrupt(clean, out, 0.25, 9,
                EnumSet.of(Kind.BLANK, Kind.SWAP), ProgressListener.NONE);
        JsonNode m = Json.MAPPER.readTree(out.resolve("dataset.json").toFile());
        JsonNode note = m.at("/provenance/corruption");
        assertEquals(0.25, note.get("fraction").asDouble());
        assertEquals(9, note.get("seed").asLong());
        assertEquals("[\"blank\",\"swap\"]", Json.compact(note.get("kinds")));
        assertEquals(clean.toString(), note.get("in").asText());
        assertEquals(org.xmodal.engine.synth.SynthGenerator.NAME, m.at("/provenance/generator").asText(),
                "the original provenance is kept");
        int marked = 0;
        for (JsonNode e : m.get("pairs")) {
            JsonNode c = e.get("corruption");
            if (c != null) {
                marked++;
                Corruption expected = report.corrupted().get(e.get("id").asText());
                assertEquals(expected.kind().id(), c.get("kind").asText());
                assertEquals(expected.detail(), c.get("detail").asText());
                assertTrue(Set.of("blank", "swap").contains(c.get("kind").asText()));
            }
        }
        assertEquals(report.total(), marked);
        try (PairedDataset ds = load(out)) {
            for (Map.Entry<String, Corruption> e : report.corrupted().entrySet()) {
                assertEquals(e.getValue(), ds.pair(e.getKey()).orElseThrow().corruption().orElseThrow());
            }
        }
        try (PairedDataset ds = load(clean)) {
            assertTrue(ds.pairs().stream().noneMatch(Pair::corrupted), "a dataset without the field loads clean");
        }
    }

    @Test
    void blankIsFlatGrey() throws IOException {
        Path out = tmp.resolve("blank");
        DatasetCorruptor.Report r = DatasetCorruptor.corrupt(clean, out, 0.3, 1, EnumSet.of(Kind.BLANK),
                ProgressListener.NONE);
        assertEquals(r.total(), r.count(Kind.BLANK));
        for (String id : r.corrupted().keySet()) {
            RgbImage img = ImageFiles.readRgb(out.resolve("rgb/" + id + ".png"));
            for (byte b : img.rgb()) {
                assertEquals(DatasetCorruptor.GREY, b & 0xFF);
            }
            assertEquals("blanked to grey", r.corrupted().get(id).detail());
        }
    }

    @Test
    void shiftMovesThePicturesContentByWhatItsDetailSays() throws IOException {
        Path out = tmp.resolve("shift");
        DatasetCorruptor.Report r = DatasetCorruptor.corrupt(clean, out, 0.5, 2, EnumSet.of(Kind.SHIFT),
                ProgressListener.NONE);
        Pattern said = Pattern.compile("shifted (\\d+) px (left|right) and (\\d+) px (up|down)");
        assertTrue(r.total() > 3);
        for (Map.Entry<String, Corruption> e : r.corrupted().entrySet()) {
            Matcher m = said.matcher(e.getValue().detail());
            assertTrue(m.matches(), e.getValue().detail());
            int dx = Integer.parseInt(m.group(1)) * (m.group(2).equals("right") ? 1 : -1);
            int dy = Integer.parseInt(m.group(3)) * (m.group(4).equals("down") ? 1 : -1);
            RgbImage before = ImageFiles.readRgb(clean.resolve("rgb/" + e.getKey() + ".png"));
            RgbImage after = ImageFiles.readRgb(out.resolve("rgb/" + e.getKey() + ".png"));
            assertTrue(Math.abs(dx) >= 0.1 * 64 - 1 && Math.abs(dx) <= 0.25 * 64 + 1, "dx " + dx);
            assertTrue(Math.abs(dy) >= 0.1 * 48 - 1 && Math.abs(dy) <= 0.25 * 48 + 1, "dy " + dy);
            for (int[] xy : new int[][] {{32, 24}, {20, 20}, {40, 30}}) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(before.get(xy[0], xy[1], c), after.get(xy[0] + dx, xy[1] + dy, c),
                            e.getKey() + " pixel " + xy[0] + "," + xy[1] + " moved by " + dx + "," + dy);
                }
            }
            // the gap is filled by repeating the edge the picture moved away from
            int edgeX = dx > 0 ? 0 : 63;
            int edgeY = dy > 0 ? 0 : 47;
            assertEquals(before.get(edgeX, edgeY, 0), after.get(edgeX, edgeY, 0));
        }
    }

    @Test
    void occlusionCoversAThirdToAbovehalfOfThePictureWithOneFlatBox() throws IOException {
        Path out = tmp.resolve("occlusion");
        DatasetCorruptor.Report r = DatasetCorruptor.corrupt(clean, out, 0.5, 4, EnumSet.of(Kind.OCCLUSION),
                ProgressListener.NONE);
        Pattern said = Pattern.compile("occluded: (\\d+)% of the image under a flat box");
        for (Map.Entry<String, Corruption> e : r.corrupted().entrySet()) {
            Matcher m = said.matcher(e.getValue().detail());
            assertTrue(m.matches(), e.getValue().detail());
            int percent = Integer.parseInt(m.group(1));
            assertTrue(percent >= 29 && percent <= 61, e.getValue().detail());
            RgbImage before = ImageFiles.readRgb(clean.resolve("rgb/" + e.getKey() + ".png"));
            RgbImage after = ImageFiles.readRgb(out.resolve("rgb/" + e.getKey() + ".png"));
            int x0 = 64;
            int y0 = 48;
            int x1 = -1;
            int y1 = -1;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    if (before.get(x, y, 0) != after.get(x, y, 0) || before.get(x, y, 1) != after.get(x, y, 1)
                            || before.get(x, y, 2) != after.get(x, y, 2)) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x);
                        y1 = Math.max(y1, y);
                    }
                }
            }
            double area = (x1 - x0 + 1) * (y1 - y0 + 1) / (64.0 * 48);
            assertEquals(percent / 100.0, area, 0.02, e.getKey() + ": the changed pixels are the box");
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(after.get(x0, y0, c), after.get(x, y, c), "one flat colour");
                    }
                }
            }
        }
    }

    @Test
    void swapTakesTheRgbOfAnotherSceneClassAndNeighbourOfTheSameOne() throws IOException {
        Path swapped = tmp.resolve("swap");
        Path neighbours = tmp.resolve("neighbour");
        DatasetCorruptor.Report swaps = DatasetCorruptor.corrupt(clean, swapped, 0.5, 5, EnumSet.of(Kind.SWAP),
                ProgressListener.NONE);
        DatasetCorruptor.Report near = DatasetCorruptor.corrupt(clean, neighbours, 0.5, 5,
                EnumSet.of(Kind.NEIGHBOUR), ProgressListener.NONE);
        try (PairedDataset ds = load(clean)) {
            for (Map.Entry<String, Corruption> e : swaps.corrupted().entrySet()) {
                Pair p = ds.pair(e.getKey()).orElseThrow();
                Pair from = ds.pair(e.getValue().from()).orElseThrow();
                assertNotEquals(p.annotation().sceneClass(), from.annotation().sceneClass());
                assertEquals(Split.TRAIN, from.split());
                assertArrayEquals(Files.readAllBytes(from.files().rgb()),
                        Files.readAllBytes(swapped.resolve("rgb/" + p.id() + ".png")), p.id() + " shows " + from.id());
                assertTrue(e.getValue().detail().startsWith("swapped with " + from.id() + " ("), e.getValue().detail());
            }
            assertEquals(swaps.total(), swaps.count(Kind.SWAP));
            for (Map.Entry<String, Corruption> e : near.corrupted().entrySet()) {
                Pair p = ds.pair(e.getKey()).orElseThrow();
                Pair from = ds.pair(e.getValue().from()).orElseThrow();
                assertNotEquals(p.id(), from.id());
                assertEquals(p.annotation().sceneClass(), from.annotation().sceneClass());
                assertEquals(Split.TRAIN, from.split());
                assertArrayEquals(Files.readAllBytes(from.files().rgb()),
                        Files.readAllBytes(neighbours.resolve("rgb/" + p.id() + ".png")));
            }
        }
    }

    @Test
    void inAFlowSequenceTheNeighbourIsTheAdjacentFrameAndSharedFramesAreLeftAlone() throws IOException {
        Path flow = clean.resolve(SynthDatasetWriter.FLOW_FOLDER);
        Path out = tmp.resolve("flow");
        DatasetCorruptor.Report r = DatasetCorruptor.corrupt(flow, out, 1, 0, EnumSet.of(Kind.NEIGHBOUR),
                ProgressListener.NONE);
        try (PairedDataset before = load(flow); PairedDataset after = load(out)) {
            assertEquals(before.pairs(Split.TRAIN).size(), r.total());
            int sharedFrames = 0;
            for (Pair p : after.pairs()) {
                Pair original = before.pair(p.id()).orElseThrow();
                assertArrayEquals(Files.readAllBytes(original.files().partner()),
                        Files.readAllBytes(p.files().partner()), p.id() + ": the next frame is the clean one");
                if (!p.corrupted()) {
                    continue;
                }
                boolean alsoANextFrame = before.pairs().stream().anyMatch(o -> o.files().partner()
                        .equals(original.files().rgb()));
                if (alsoANextFrame) {
                    sharedFrames++;
                    assertEquals(out.resolve(DatasetCorruptor.CORRUPTED_RGB_FOLDER + "/" + p.id() + ".png"),
                            p.files().rgb(), "a frame another pair uses as its next frame is not overwritten");
                } else {
                    assertEquals(out.resolve(clean.resolve(SynthDatasetWriter.FLOW_FOLDER).relativize(
                            original.files().rgb())), p.files().rgb(), "a sequence's first frame is replaced");
                }
                Pair from = before.pair(p.corruption().orElseThrow().from()).orElseThrow();
                assertTrue(from.files().rgb().equals(original.files().partner())
                        || from.files().partner().equals(original.files().rgb()), from.id() + " is adjacent");
                assertArrayEquals(Files.readAllBytes(from.files().rgb()), Files.readAllBytes(p.files().rgb()));
            }
            assertTrue(sharedFrames > 0);
        }
    }

    @Test
    void theSameArgumentsWriteByteIdenticalCopies() throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        DatasetCorruptor.corrupt(clean, one, 0.6, 11, ALL, ProgressListener.NONE);
        DatasetCorruptor.corrupt(clean, two, 0.6, 11, ALL, ProgressListener.NONE);
        Map<String, byte[]> a = files(one);
        Map<String, byte[]> b = files(two);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
        Path other = tmp.resolve("other-seed");
        DatasetCorruptor.corrupt(clean, other, 0.6, 12, ALL, ProgressListener.NONE);
        assertFalse(java.util.Arrays.equals(a.get("dataset.json"), files(other).get("dataset.json")),
                "another seed chooses otherwise");
    }

    @Test
    void refusesWhatItCannotDoWithAMessageNamingTheProblem() throws IOException {
        Path out = tmp.resolve("out");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetCorruptor.corrupt(clean, out, 1.5, 0, ALL, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("between 0 and 1, got 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DatasetCorruptor.corrupt(clean, out, Double.NaN, 0, ALL, ProgressListener.NONE));
        e = assertThrows(IllegalArgumentException.class,
                () -> DatasetCorruptor.corrupt(clean, out, 0.5, 0, Set.of(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("no corruption kinds"), e.getMessage());

        Path notData = Files.createDirectories(tmp.resolve("holiday"));
        Files.writeString(notData.resolve("notes.txt"), "hi");
        BadInputException bad = assertThrows(BadInputException.class,
                () -> DatasetCorruptor.corrupt(notData, out, 0.5, 0, ALL, ProgressListener.NONE));
        assertEquals(notData + ": is not a folder dataset: it has no dataset.json (nor rgb/ and depth/ folders); "
                + "only folder datasets can be corrupted", bad.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> DatasetCorruptor.corrupt(clean, notData, 0.5, 0, ALL, ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith(notData + ": is not empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DatasetCorruptor.corrupt(clean, clean.resolve("noisy"), 0.5, 0, ALL, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("inside the dataset being corrupted"), e.getMessage());
        assertFalse(Files.exists(clean.resolve("noisy")));
        assertFalse(Files.exists(out), "nothing written when refused");
    }

    @Test
    void refusesKindsThatCannotReachTheAskedNumberOfPairs() throws IOException {
        // the flow sequences have one scene class each at most; swap needs two classes among train pairs
        Path flow = clean.resolve(SynthDatasetWriter.FLOW_FOLDER);
        try (PairedDataset ds = load(flow)) {
            long classes = ds.pairs(Split.TRAIN).stream().map(p -> p.annotation().sceneClass()).distinct().count();
            org.junit.jupiter.api.Assumptions.assumeTrue(classes == 1, "both train sequences of one scene class");
        }
        BadInputException bad = assertThrows(BadInputException.class, () -> DatasetCorruptor.corrupt(flow,
                tmp.resolve("x"), 0.5, 0, EnumSet.of(Kind.SWAP), ProgressListener.NONE));
        assertTrue(bad.getMessage().contains("can be with swap"), bad.getMessage());
    }

    @Test
    void aWrongCorruptionKindInTheManifestNamesTheFileAndThePair() throws IOException {
        Path out = tmp.resolve("noisy");
        DatasetCorruptor.corrupt(clean, out, 0.2, 0, EnumSet.of(Kind.BLANK), ProgressListener.NONE);
        Path manifest = out.resolve("dataset.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"kind\" : \"blank\"",
                "\"kind\" : \"smudge\""));
        String first = Json.MAPPER.readTree(manifest.toFile()).get("pairs").findParents("corruption").get(0)
                .get("id").asText();
        BadInputException e = assertThrows(BadInputException.class, () -> load(out));
        assertEquals(manifest + ": pair " + first + ": corruption.kind must be shift, neighbour, occlusion, blank or "
                + "swap, not 'smudge'", e.getMessage());
    }
}
