package org.xmodal.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.fx.Mark;

class PairViewerViewModelTest {
    @TempDir
    static Path shared;
    @TempDir
    Path cache;
    /** Small rooms made like the sample, quick to open; the flow test uses the sample's own sequences. */
    private static Path rooms;

    @BeforeAll
    static void makeRooms() {
        rooms = TestData.tinySynth(shared.resolve("rooms"), 3, 0);
    }

    private PairViewerViewModel open(Path dataset, TestData.Direct env) {
        PairViewerViewModel vm = new PairViewerViewModel(env.context.executor(), env.context.session(),
                env.context.problems());
        env.context.session().open(dataset);
        return vm;
    }

    @Test
    void depthPairsOfferDepthAndEveryHhaChannel() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        assertEquals(List.of(Layer.RGB, Layer.DEPTH, Layer.RAW_DEPTH, Layer.HHA, Layer.DISPARITY, Layer.HEIGHT,
                Layer.ANGLE), vm.layers());
        vm.layerProperty().set(Layer.DEPTH);
        assertTrue(vm.legendProperty().get() != null, "depth has its scale bar");
        vm.layerProperty().set(Layer.RGB);
        assertNull(vm.legendProperty().get(), "RGB needs no legend");
        assertTrue(env.problems.isEmpty());
    }

    @Test
    void choosingAnotherPairChangesThePicture() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        var before = vm.imageProperty().get();
        env.context.session().step(1);
        assertNotSame(before, vm.imageProperty().get());
        assertTrue(vm.titleProperty().get().startsWith("scene-000001"));
    }

    @Test
    void theLayerStaysWhenSteppingThroughPairs() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        vm.layerProperty().set(Layer.HEIGHT);
        env.context.session().step(1);
        assertEquals(Layer.HEIGHT, vm.shownLayerProperty().get());
        assertSame(vm.contentProperty().get().image(Layer.HEIGHT), vm.imageProperty().get());
    }

    @Test
    void inspectorReadsDepthDisparityHeightAndAngleUnderTheCursor() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        PairContent c = vm.contentProperty().get();
        int x = 30;
        int y = 40;
        int i = y * c.width() + x;
        vm.inspect(x + 0.5, y + 0.5);
        String r = vm.readingProperty().get();
        assertTrue(r.startsWith("x 30, y 40"), r);
        assertTrue(r.contains(String.format(Locale.ROOT, "depth %.3f m", c.depth().metres()[i])), r);
        assertTrue(r.contains(String.format(Locale.ROOT, "height %.1f cm", c.hha().heightCm()[i])), r);
        assertTrue(r.contains(String.format(Locale.ROOT, "disparity %.1f", c.hha().disparity()[i])), r);
        assertTrue(r.contains("angle "), r);
        vm.inspect(-1, 5);
        assertEquals("", vm.readingProperty().get(), "outside the image nothing is read");
    }

    @Test
    void blinkAlternatesBetweenTheLayerAndTheComparedOne() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        vm.compareLayerProperty().set(Layer.DEPTH);
        vm.compareProperty().set(PairViewerViewModel.CompareMode.BLINK);
        assertEquals(Layer.RGB, vm.shownLayerProperty().get());
        vm.toggleBlink();
        assertEquals(Layer.DEPTH, vm.shownLayerProperty().get());
        vm.toggleBlink();
        assertEquals(Layer.RGB, vm.shownLayerProperty().get());
    }

    @Test
    void swipeShowsTheComparedLayerBesideTheLayer() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        assertNull(vm.secondImageProperty().get());
        vm.compareLayerProperty().set(Layer.HHA);
        vm.compareProperty().set(PairViewerViewModel.CompareMode.SWIPE);
        assertSame(vm.contentProperty().get().image(Layer.HHA), vm.secondImageProperty().get());
        assertSame(vm.contentProperty().get().image(Layer.RGB), vm.imageProperty().get());
    }

    @Test
    void aComparisonEndsWhenAnotherLayerOrPairIsChosenSoTheHighlightedLayerIsShown() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        vm.compareLayerProperty().set(Layer.DEPTH);
        vm.compareProperty().set(PairViewerViewModel.CompareMode.BLINK);
        vm.toggleBlink();
        assertEquals(Layer.DEPTH, vm.shownLayerProperty().get());
        vm.layerProperty().set(Layer.HHA);
        assertEquals(PairViewerViewModel.CompareMode.NONE, vm.compareProperty().get());
        assertEquals(Layer.HHA, vm.shownLayerProperty().get(), "the chosen tab is what is shown");
        vm.toggleBlink();
        assertEquals(Layer.HHA, vm.shownLayerProperty().get(), "no blink left running");

        vm.compareProperty().set(PairViewerViewModel.CompareMode.SWIPE);
        assertSame(vm.contentProperty().get().image(Layer.DEPTH), vm.secondImageProperty().get());
        env.context.session().step(1);
        assertEquals(PairViewerViewModel.CompareMode.NONE, vm.compareProperty().get());
        assertNull(vm.secondImageProperty().get(), "the next pair starts without a swipe line");
        assertEquals(Layer.HHA, vm.shownLayerProperty().get(), "the layer itself stays");
    }

    @Test
    void groundTruthBoxesCarryTheirClassNamesAndCanBeHidden() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(rooms, env);
        var objects = env.context.session().selectedPairProperty().get().annotation().objects();
        assertEquals(objects.size(), vm.marks().size());
        Mark.Rect first = (Mark.Rect) vm.marks().get(0);
        assertEquals(objects.get(0).className(), first.label());
        assertEquals(objects.get(0).box().x2() + 1, first.x2(), 1e-9, "inclusive corners end a pixel further");
        vm.showBoxesProperty().set(false);
        assertTrue(vm.marks().isEmpty());
    }

    @Test
    void framePairsOfferFlowAndReadTheFlowVector() {
        TestData.Direct env = new TestData.Direct(cache);
        PairViewerViewModel vm = open(TestData.sample().flow(), env);
        assertEquals(List.of(Layer.RGB, Layer.NEXT_FRAME, Layer.FLOW_WHEEL, Layer.FLOW_TUBES), vm.layers());
        assertEquals(Layer.NEXT_FRAME, vm.compareLayerProperty().get());
        PairContent c = vm.contentProperty().get();
        assertEquals("ground truth", c.flowSource());
        vm.layerProperty().set(Layer.FLOW_WHEEL);
        assertTrue(vm.legendProperty().get() != null, "the colour wheel has its key");
        vm.inspect(40.5, 60.5);
        int i = 60 * c.width() + 40;
        assertTrue(vm.readingProperty().get().contains(String.format(Locale.ROOT, "flow u %+.2f, v %+.2f px",
                c.flow().u()[i], c.flow().v()[i])), vm.readingProperty().get());
        assertFalse(vm.readingProperty().get().contains("depth"));
    }
}
