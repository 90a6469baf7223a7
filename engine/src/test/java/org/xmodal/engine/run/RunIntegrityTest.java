package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.nn.NetworkWeights;

/** What keeps a run folder from being corrupted: one engine at a time, checked checkpoints, named write failures. */
class RunIntegrityTest {
    @TempDir
    Path tmp;

    private RunSpec spec() {
        return RunSpec.builder().name("integrity").kind("teacher").data(tmp.toString()).modality("depth")
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 0)).batchSize(8).iterations(10).inputSize(64)
                .seed(1).device("cpu").threads(0).checkpointEvery(0).logEvery(1).build();
    }

    private void checkpoint(Path file, float value) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.full(new Shape(64, 8), value);
            NetworkWeights.saveArrays(Map.of("w", w), file);
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) at] ^= 0x10;
        Files.write(file, bytes);
    }

    @Test
    void aSecondEngineCannotTakeARunWhileTheFirstHoldsItAndLearnsWhichPidDoes() throws Exception {
        long me = ProcessHandle.current().pid();
        try (RunLock first = RunLock.acquire(tmp)) {
            assertEquals(OptionalLong.of(me), RunLock.holder(tmp));
            BadInputException e = assertThrows(BadInputException.class, () -> RunLock.acquire(tmp));
            assertTrue(e.getMessage().contains("is being trained by another engine (pid " + me + ")"),
                    e.getMessage());
        }
        assertEquals(OptionalLong.empty(), RunLock.holder(tmp), "released when its holder closes it (or dies)");
        try (RunLock again = RunLock.acquire(tmp)) {
            assertTrue(Files.exists(tmp.resolve(RunLock.FILE)));
        }
    }

    @Test
    void checkpointsCarryAChecksumThatCatchesAFlippedByteAndATruncation() throws Exception {
        Path intact = tmp.resolve("intact.params");
        checkpoint(intact, 0.5f);
        assertTrue(NetworkWeights.verify(intact), "written with a checksum, which matches");
        assertEquals(Map.of("w", new Shape(64, 8)), NetworkWeights.contents(intact), "still read as before");

        Path flipped = tmp.resolve("flipped.params");
        Files.copy(intact, flipped);
        flipByte(flipped, Files.size(flipped) / 2);
        BadInputException e = assertThrows(BadInputException.class, () -> NetworkWeights.verify(flipped));
        assertTrue(e.getMessage().contains("flipped.params: is corrupt (its checksum does not match"), e.getMessage());

        Path truncated = tmp.resolve("truncated.params");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(intact), (int) Files.size(intact) / 2));
        e = assertThrows(BadInputException.class, () -> NetworkWeights.verify(truncated));
        assertTrue(e.getMessage().contains("truncated.params: is truncated"), e.getMessage());

        // a file written before checksums existed: complete entries, no trailer
        Path legacy = tmp.resolve("legacy.params");
        Files.write(legacy, java.util.Arrays.copyOf(Files.readAllBytes(intact), (int) Files.size(intact) - 12));
        assertFalse(NetworkWeights.verify(legacy), "no checksum to check, but complete");
    }

    @Test
    void aResumeStartsAtTheNewestIntactCheckpointAndSetsTheCorruptOnesAside() throws Exception {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec());
        checkpoint(run.checkpoint(4), 4);
        checkpoint(run.checkpoint(8), 8);
        checkpoint(run.checkpoint(12), 12);
        flipByte(run.checkpoint(12), 100);
        Files.write(run.checkpoint(8), new byte[] {'X', 'M'}, StandardOpenOption.TRUNCATE_EXISTING);
        RunDirectory.ResumePoint point = run.newestIntactCheckpoint();
        assertEquals(Optional.of(4L), point.step());
        assertEquals(2, point.problems().size(), point.problems().toString());
        assertTrue(point.problems().get(0).contains("step-00000012.params: is corrupt")
                && point.problems().get(0).contains("set aside as checkpoints/step-00000012.params.corrupt"),
                point.problems().get(0));
        assertTrue(point.problems().get(1).contains("step-00000008.params: is not an xmodal weights file"),
                point.problems().get(1));
        assertEquals(List.of(4L), run.checkpointSteps(), "the bad ones are no longer checkpoints");
        assertTrue(Files.exists(run.checkpoint(12).resolveSibling("step-00000012.params.corrupt")), "kept aside");

        Files.move(run.checkpoint(4), run.checkpoint(4).resolveSibling("gone"));
        assertEquals(Optional.empty(), run.newestIntactCheckpoint().step(), "none left: start again");
    }

    @Test
    void interruptedWritesLeaveTemporaryFilesThatAResumeDeletes() throws Exception {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec());
        Files.write(run.path().resolve("checkpoints").resolve(".step-00000008.params1234.tmp"), new byte[4096]);
        Files.write(run.path().resolve(".metrics77.tmp"), new byte[100]);
        Files.write(run.path().resolve("notes.txt"), new byte[10]);
        assertEquals(4196, run.deleteInterruptedWrites());
        try (var files = Files.walk(run.path())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
        assertTrue(Files.exists(run.path().resolve("notes.txt")), "only the engine's leftovers go");
    }

    @Test
    void writeFailuresNameTheFileAndWhy() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("out.png"));
        BadInputException isFolder = assertThrows(BadInputException.class,
                () -> OutputFiles.replace(folder, t -> Files.writeString(t, "x")));
        assertTrue(isFolder.getMessage().contains("out.png: is a folder"), isFolder.getMessage());
        assertTrue(Files.isDirectory(folder), "the folder is left as it was");

        BadInputException full = assertThrows(BadInputException.class,
                () -> new MetricsLog(Path.of("/dev/full"), new org.xmodal.engine.tensorboard.RunBoard(tmp.resolve("tensorboard"))).append(new MetricsLog.Row(1, 0, "train", "loss", 1)));
        assertTrue(full.getMessage().startsWith("/dev/full: cannot be written (No space left on device"),
                full.getMessage());

        BadInputException denied = OutputFiles.cannotWrite(tmp.resolve("spec.json"),
                new AccessDeniedException(tmp.resolve("spec.json").toString()));
        assertTrue(denied.getMessage().endsWith("spec.json: cannot be written (permission denied (a read-only or "
                + "protected folder?))"), denied.getMessage());

        Path blocked = tmp.resolve("file");
        Files.writeString(blocked, "a file where a folder should be");
        BadInputException notAFolder = assertThrows(BadInputException.class,
                () -> OutputFiles.replace(blocked.resolve("weights.params"), t -> Files.writeString(t, "x")));
        assertTrue(notAFolder.getMessage().contains("weights.params: cannot be written"), notAFolder.getMessage());
    }
}
