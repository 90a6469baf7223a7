package org.xmodal.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    @TempDir
    Path tmp;

    private SettingsFile file() {
        return new SettingsFile(tmp.resolve("config").resolve(SettingsFile.FILE));
    }

    @Test
    void theWindowTheLastViewAndTheRecentDatasetsComeBackAsSaved() throws IOException {
        WorkbenchSettings saved = WorkbenchSettings.NONE
                .withWindow(new WindowPlacement(40, 30, 1200, 780, true))
                .withLastView("Runs")
                .withDatasetOpened(Path.of("/data/nyu/nyu_depth_v2_labeled.mat"))
                .withDatasetOpened(Path.of("/data/rooms with spaces"))
                .withMlflowTracking(" http://mlflow.lab:5000 ");
        file().save(saved);
        assertEquals("http://mlflow.lab:5000", saved.mlflowTracking());

        assertEquals(saved, file().load());
        String json = Files.readString(file().file());
        assertTrue(json.contains("\"/data/rooms with spaces\""), "paths are plain strings a person can edit: " + json);
    }

    @Test
    void noFileYetMeansNothingRemembered() {
        assertEquals(WorkbenchSettings.NONE, file().load());
    }

    @Test
    void aCorruptFileIsIgnoredAndReplacedByTheNextSave() throws IOException {
        Files.createDirectories(file().file().getParent());
        Files.writeString(file().file(), "{\"window\": {\"x\": 10, \"y\": "); // cut off mid-write by another program

        assertEquals(WorkbenchSettings.NONE, file().load());

        WorkbenchSettings next = WorkbenchSettings.NONE.withLastView("Results");
        file().save(next);
        assertEquals(next, file().load());
    }

    @Test
    void aFileOfAnotherShapeIsIgnored() throws IOException {
        Files.createDirectories(file().file().getParent());
        Files.writeString(file().file(), "[\"not\", \"settings\"]");
        assertEquals(WorkbenchSettings.NONE, file().load());
        Files.writeString(file().file(), "{\"recentDatasets\": \"/one/path\", \"window\": 3}");
        assertEquals(WorkbenchSettings.NONE, file().load());
    }

    @Test
    void valuesFromANewerWorkbenchAreIgnoredAndMissingOnesAreUnset() throws IOException {
        Files.createDirectories(file().file().getParent());
        Files.writeString(file().file(), "{\"lastView\": \"Filters\", \"runsFolder\": \"/somewhere/runs\"}");

        WorkbenchSettings s = file().load();

        assertEquals("Filters", s.lastView());
        assertEquals(null, s.window());
        assertEquals(List.of(), s.recentDatasets());
    }

    @Test
    void savingLeavesNoTemporaryFileBehind() throws IOException {
        file().save(WorkbenchSettings.NONE.withLastView("Data"));
        file().save(WorkbenchSettings.NONE.withLastView("Runs"));
        try (Stream<Path> files = Files.list(file().file().getParent())) {
            assertEquals(List.of(SettingsFile.FILE), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theNewestDatasetComesFirstWithoutRepeatsAndOnlyTheLastEightAreKept() {
        WorkbenchSettings s = WorkbenchSettings.NONE;
        for (int i = 1; i <= 10; i++) {
            s = s.withDatasetOpened(Path.of("/data/d" + i));
        }
        s = s.withDatasetOpened(Path.of("/data/d5"));

        assertEquals(Stream.concat(Stream.of(5), IntStream.of(10, 9, 8, 7, 6, 4, 3).boxed())
                .map(i -> Path.of("/data/d" + i)).toList(), s.recentDatasets());
    }
}
