package org.xmodal.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.Split;

class DataViewModelTest {
    @TempDir
    Path cache;
    private TestData.Direct env;
    private DataViewModel vm;

    @BeforeEach
    void openTheSampleData() {
        env = new TestData.Direct(cache);
        vm = new DataViewModel(env.context.session());
        env.context.session().open(TestData.sample().rgbd());
    }

    @Test
    void whileADatasetOpensTheListSaysSoInsteadOfNoPairs() {
        org.xmodal.app.task.ManualTaskExecutor later = new org.xmodal.app.task.ManualTaskExecutor();
        TestData.Direct slow = new TestData.Direct(later, cache.resolve("slow"));
        DataViewModel fresh = new DataViewModel(slow.context.session());
        assertTrue(fresh.placeholderProperty().get().startsWith("No dataset open"));
        slow.context.session().open(TestData.sample().rgbd());
        assertEquals("Opening synth-rgbd\u2026", fresh.countTextProperty().get());
        assertEquals("Opening synth-rgbd\u2026", fresh.placeholderProperty().get());
        later.runAll();
        assertEquals("200 of 200 pairs", fresh.countTextProperty().get());
        fresh.labellingProperty().set(PairFilter.Labelling.UNLABELLED);
        fresh.splitProperty().set(PairFilter.SplitChoice.TEST);
        assertEquals("No pairs match the filters", fresh.placeholderProperty().get());
    }

    @Test
    void openingTheSampleListsAllItsPairsAndSelectsTheFirst() {
        assertEquals(200, vm.pairs().size());
        assertEquals("200 of 200 pairs", vm.countTextProperty().get());
        assertEquals("scene-000000", vm.selectedPairProperty().get().id());
        assertTrue(vm.summaryProperty().get().startsWith("synth-rgbd-seed2016 \u00b7 depth"));
        assertTrue(env.problems.isEmpty());
    }

    @Test
    void classChoicesCountThePairsOfEachObjectAndSceneClass() {
        ClassChoice chair = vm.classChoices().stream().filter(c -> c.name().equals("chair")).findFirst().orElseThrow();
        long withChair = vm.pairs().stream().filter(p -> p.annotation().objects().stream()
                .anyMatch(o -> o.className().equals("chair"))).count();
        assertEquals(withChair, chair.pairs());
        assertTrue(vm.classChoices().stream().anyMatch(c -> c.kind() == ClassChoice.Kind.SCENE
                && c.name().equals("bedroom")));
    }

    @Test
    void filtersNarrowTheListAndKeepTheSelectionInsideIt() {
        vm.splitProperty().set(PairFilter.SplitChoice.TEST);
        vm.labellingProperty().set(PairFilter.Labelling.LABELLED);
        assertTrue(vm.pairs().size() > 10 && vm.pairs().size() < 100, vm.countTextProperty().get());
        assertTrue(vm.pairs().stream().allMatch(p -> p.split() == Split.TEST && p.labelled()));
        Pair selected = vm.selectedPairProperty().get();
        assertEquals(Split.TEST, selected.split(), "a selection the filter hides moves to the first match");
        vm.labellingProperty().set(PairFilter.Labelling.UNLABELLED);
        assertEquals("0 of 200 pairs", vm.countTextProperty().get(), "test pairs are all labelled");
    }

    @Test
    void steppingMovesAlongTheFilteredListAndStopsAtItsEnds() {
        vm.splitProperty().set(PairFilter.SplitChoice.TRAIN);
        Pair first = vm.pairs().get(0);
        vm.step(1);
        assertEquals(vm.pairs().get(1), vm.selectedPairProperty().get());
        vm.step(-5);
        assertEquals(first, vm.selectedPairProperty().get());
        vm.step(1000);
        assertEquals(vm.pairs().get(vm.pairs().size() - 1), vm.selectedPairProperty().get());
    }

    @Test
    void aBrokenDatasetIsReportedAsAProblemNamingTheFile() {
        env.context.session().open(cache.resolve("no-such-folder"));
        assertEquals(1, env.problems.size());
        assertTrue(env.problems.get(0).message().contains("no-such-folder"));
        assertEquals(200, vm.pairs().size(), "the open dataset stays");
    }
}
