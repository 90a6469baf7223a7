package org.xmodal.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

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

    @Test
    void theRoomsTheDataViewShowsAreUsedAsTheyAreAndStayOpenAfterTheLessonCloses(@TempDir Path tmp) throws Exception {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        LessonMaterial m = LessonMaterial.of(direct.context, checkout());
        direct.context.session().open(m.rooms());
        PairedDataset shown = direct.context.session().dataset();
        PairedDataset used = m.dataset(ProgressListener.NONE, new Cancellation());
        assertSame(shown, used, "the lesson checked the 200 pairs again instead of using the Data view's");
        m.close();
        assertEquals(m.pair(ProgressListener.NONE, new Cancellation()), shown.pairs().get(LessonMaterial.PAIR));
        assertEquals(120, shown.rgb(shown.pairs().get(0)).height(), "the Data view's dataset was closed");
    }

    @Test
    void whileTheDataViewShowsAnotherDatasetTheLessonOpensTheRoomsItself(@TempDir Path tmp) throws Exception {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        direct.context.session().open(TestData.tinySynth(tmp.resolve("tiny"), 2, 0));
        try (LessonMaterial m = LessonMaterial.of(direct.context, checkout())) {
            PairedDataset used = m.dataset(ProgressListener.NONE, new Cancellation());
            assertNotSame(direct.context.session().dataset(), used);
            assertTrue(Files.isSameFile(m.rooms(), used.root()), used.root().toString());
        }
    }
}
