package org.xmodal.engine.data.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** A manifest names files inside its folder; one that points elsewhere is refused before anything is read. */
class ManifestPathContainmentTest {
    @TempDir
    Path tmp;

    private BadInputException refused(String rgbPath) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("a/b/data"));
        // a readable image outside the dataset, which the manifest must not reach
        ImageFiles.writeRgb(RgbImage.blank(8, 6), tmp.resolve("outside.png"));
        Files.writeString(dir.resolve("dataset.json"), "{\"modality\": \"flow\", \"pairs\": [{\"id\": \"p\", "
                + "\"rgb\": \"" + rgbPath + "\", \"next\": \"rgb/next.png\"}]}");
        return assertThrows(BadInputException.class, () -> DatasetLoaders.open(dir));
    }

    @Test
    void pathClimbingOutOfTheFolderIsRefused() throws IOException {
        BadInputException e = refused("../../../outside.png");
        assertTrue(e.location().endsWith("dataset.json"), e.location());
        assertEquals("pair p: rgb '../../../outside.png' is outside the dataset folder; paths must be relative to "
                + "it, without '..' out of it", e.problem());
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        BadInputException e = refused(tmp.resolve("outside.png").toString().replace('\\', '/'));
        assertTrue(e.problem().contains("is outside the dataset folder"), e.problem());
    }

    @Test
    void etcPasswdIsRefused() throws IOException {
        BadInputException e = refused("../../../../etc/passwd");
        assertTrue(e.problem().startsWith("pair p: rgb '../../../../etc/passwd' is outside"), e.problem());
    }
}
