package org.xmodal.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;

class SynthDialogViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultsAreValidForANewFolderAndShowTheSameCommand() {
        SynthDialogViewModel vm = new SynthDialogViewModel(tmp.resolve("rooms"));
        assertTrue(vm.validProperty().get(), vm.problemProperty().get());
        assertEquals("./xmodal synth --seed 1 --scenes 100 --size 160x120 --flow-sequences 0 --frames 5 "
                + "--labelled-fraction 0.2 --test-fraction 0.25 --out " + tmp.resolve("rooms"), vm.commandProperty().get());
    }

    @Test
    void anInvalidOptionIsExplainedInTheFormsWords() {
        SynthDialogViewModel vm = new SynthDialogViewModel(tmp.resolve("rooms"));
        vm.testFractionProperty().set(1.5);
        assertFalse(vm.validProperty().get());
        assertEquals("Test fraction must be between 0 and 1, got 1.5", vm.problemProperty().get());
        vm.testFractionProperty().set(0.5);
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void aFolderThatIsNotEmptyNeedsReplace() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        SynthDialogViewModel vm = new SynthDialogViewModel(tmp);
        assertFalse(vm.validProperty().get());
        assertTrue(vm.problemProperty().get().contains("not empty"));
        vm.replaceProperty().set(true);
        assertTrue(vm.validProperty().get());
        assertTrue(vm.commandProperty().get().endsWith(" --force"));
    }

    @Test
    void generatingWritesTheDatasetAndOpensIt() {
        TestData.Direct env = new TestData.Direct(tmp.resolve("cache"));
        SynthDialogViewModel vm = new SynthDialogViewModel(tmp.resolve("rooms"));
        vm.scenesProperty().set(3);
        vm.widthProperty().set(64);
        vm.heightProperty().set(48);
        assertTrue(vm.generate(env.context.session()).isPresent());
        assertTrue(env.problems.isEmpty(), env.problems.toString());
        assertEquals(3, env.context.session().dataset().pairs().size());
        assertTrue(Files.isRegularFile(tmp.resolve("rooms/dataset.json")));
        assertTrue(env.context.session().noticeProperty().get().startsWith("Generated 3 scenes"));
    }
}
