package org.xmodal.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.DatasetReport;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.PixelSource;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/** The pair list says which pairs are of a task-irrelevant scene class (SOCKET's split), and which are noisy. */
class PairTextTest {
    private static final PixelSource NO_PIXELS = new PixelSource() {
        @Override
        public RgbImage rgb(Pair pair) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DepthMap depth(Pair pair) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DepthMap> rawDepth(Pair pair) {
            return Optional.empty();
        }

        @Override
        public RgbImage next(Pair pair) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<FlowField> groundTruthFlow(Pair pair) {
            return Optional.empty();
        }

        @Override
        public Optional<int[]> instances(Pair pair) {
            return Optional.empty();
        }
    };

    @Test
    void aPairOfATaskIrrelevantSceneClassSaysSo() {
        Pair library = new Pair("a", 0, Split.TRAIN, false, new PairAnnotation("library", List.of(), null), "a", null);
        Pair bedroom = new Pair("b", 1, Split.TEST, true, new PairAnnotation("bedroom", List.of(), null), "b", null);
        PairedDataset ds = new PairedDataset("rooms", Path.of("rooms"), Modality.DEPTH, null, 1000, List.of(),
                List.of("bedroom", "library"), List.of("library"), List.of(library, bedroom),
                new DatasetReport(2, 2, List.of()), NO_PIXELS);
        assertEquals("train \u00b7 unlabelled \u00b7 library (task-irrelevant)", PairText.details(library, ds));
        assertEquals("test \u00b7 labelled \u00b7 bedroom", PairText.details(bedroom, ds));
        assertEquals(List.of("bedroom"), ds.taskRelevantScenes());
    }

    @Test
    void aNoisyPairSaysItsRgbWasCorruptedAndHow() {
        Pair clean = new Pair("scene-000004", 4, Split.TRAIN, false, new PairAnnotation("bedroom", List.of(), null),
                "scene-000004", null);
        Pair swapped = clean.withCorruption(new Corruption(Corruption.Kind.SWAP,
                "swapped with scene-000123 (kitchen), another scene class", "scene-000123"));
        assertEquals("train \u00b7 unlabelled \u00b7 bedroom \u00b7 RGB corrupted (swap)", PairText.details(swapped));
        assertEquals("teacher's view corrupted: swapped with scene-000123 (kitchen), another scene class",
                PairText.corruption(swapped).orElseThrow());
        assertEquals(Optional.empty(), PairText.corruption(clean));
        assertEquals("train \u00b7 unlabelled \u00b7 bedroom", PairText.details(clean));
    }
}
