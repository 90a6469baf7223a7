package org.xmodal.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.NewRunRequests;
import org.xmodal.app.TestData;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowMethod;

class FlowLabViewModelTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;
    /** One small moving-camera sequence (two frame pairs with ground truth), quick to estimate. */
    private static Path frames;

    @BeforeAll
    static void makeFrames() {
        frames = TestData.tinySynth(shared.resolve("rooms"), 1, 1).resolve("flow");
    }

    @Test
    void choosingAMethodLoadsItsDefaultsAndMarksWhatItUses() {
        TestData.Direct env = new TestData.Direct(tmp);
        FlowLabViewModel vm = new FlowLabViewModel(env.context);
        vm.methodProperty().set(FlowMethod.HORN_SCHUNCK);
        assertEquals(FlowConfig.defaults(FlowMethod.HORN_SCHUNCK).alpha(), vm.alphaProperty().get());
        assertTrue(vm.alphaUsedBinding().get());
        assertFalse(vm.regionUsedBinding().get());
        vm.methodProperty().set(FlowMethod.KLT);
        assertFalse(vm.alphaUsedBinding().get());
        assertTrue(vm.regionUsedBinding().get());
    }

    @Test
    void theEstimateIsComparedWithTheGroundTruth() {
        TestData.Direct env = new TestData.Direct(tmp);
        FlowLabViewModel vm = new FlowLabViewModel(env.context);
        env.context.session().open(frames);
        FlowPreview p = vm.previewProperty().get();
        assertTrue(p.truthWheel() != null);
        assertTrue(p.endPointError() >= 0 && p.endPointError() < 5, "Brox on small rooms: " + p.endPointError());
        assertTrue(p.summary().contains("end-point error"), p.summary());
        vm.alphaProperty().set(2.0);
        assertTrue(vm.previewProperty().get() != p, "a new alpha gives a new estimate");
    }

    @Test
    void depthDatasetsMakeNoFlowPreview() {
        TestData.Direct env = new TestData.Direct(tmp);
        FlowLabViewModel vm = new FlowLabViewModel(env.context);
        env.context.session().open(frames.getParent());
        assertNull(vm.previewProperty().get());
    }

    @Test
    void applyingEstimatesEveryFramePairIntoTheCache() throws IOException {
        TestData.Direct env = new TestData.Direct(tmp.resolve("cache"));
        FlowLabViewModel vm = new FlowLabViewModel(env.context);
        env.context.session().open(frames);
        vm.methodProperty().set(FlowMethod.HORN_SCHUNCK);
        vm.applyToDataset();
        assertTrue(vm.appliedProperty().get().startsWith("2 pairs encoded"), vm.appliedProperty().get());
        try (Stream<Path> files = Files.walk(tmp.resolve("cache/flow"))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".flo")).count());
        }
    }

    @Test
    void useInANewRunHandsTheRunFormTheMethodAndItsParameters() {
        TestData.Direct env = new TestData.Direct(tmp);
        FlowLabViewModel vm = new FlowLabViewModel(env.context);
        env.context.session().open(frames);
        List<NewRunRequests.Request> asked = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        env.context.newRuns().navigateWith(shown::add);
        env.context.newRuns().handleWith(asked::add);
        vm.methodProperty().set(FlowMethod.HORN_SCHUNCK);
        vm.alphaProperty().set(0.2);
        vm.useInNewRun();
        assertEquals(List.of(NewRunRequests.VIEW), shown, "the runs view is shown");
        assertEquals(1, asked.size());
        NewRunRequests.Request r = asked.get(0);
        assertEquals(Modality.FLOW, r.modality());
        assertEquals(env.context.session().dataset().root().toString(), r.data());
        Encoding.Flow f = r.encoding().flow();
        assertEquals(FlowMethod.HORN_SCHUNCK, f.method());
        assertEquals(0.2, f.alpha());
        assertEquals(FlowConfig.defaults(FlowMethod.HORN_SCHUNCK).innerIterations(), f.innerIterations());
        assertEquals(Encoding.defaults().depth(), r.encoding().depth(), "the depth half stays the default");
        // a depth dataset has no flow to hand over
        env.context.session().open(frames.getParent());
        vm.useInNewRun();
        assertEquals(1, asked.size());
    }
}
