package org.xmodal.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.nn.NetworkWeights;

/** The lesson's material: what it needs from the checkout, and a clear message naming what is missing. */
class LessonMaterialTest {
    private static Path checkout() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(LessonMaterial.FOLDER))) {
                return p;
            }
        }
        throw new AssertionError("no " + LessonMaterial.FOLDER + " above " + Path.of("").toAbsolutePath());
    }

    @Test
    void aCopyWithoutTheLessonsResultsIsRefusedNamingTheMissingFolder(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("sample-data/synth-rgbd"));
        BadInputException e = assertThrows(BadInputException.class, () -> LessonMaterial.of(null, root));
        assertTrue(e.getMessage().contains(root.resolve(LessonMaterial.FOLDER).resolve("rgb-teacher").toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("git checkout -- sample-data"), e.getMessage());
    }

    @Test
    void theCheckoutHoldsTheTeacherAndTable1TheLessonShows() throws Exception {
        LessonMaterial m = LessonMaterial.of(null, checkout());
        assertEquals(4, NetworkWeights.firstConvolution(m.teacherWeights()).shape().dimension());
        assertTrue(Files.isRegularFile(m.table1().resolve("results/summary.json")));
        assertTrue(Files.isRegularFile(m.rooms().resolve("dataset.json")));
    }
}
