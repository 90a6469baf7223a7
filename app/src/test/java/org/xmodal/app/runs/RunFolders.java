package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;

/** Run folders written by hand, as an engine would write them, for tests of what the workbench reads. */
final class RunFolders {
    private RunFolders() {
    }

    static RunSpec spec(String name, String data) {
        return RunSpec.builder().name(name).kind("transfer").data(data).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005))
                .batchSize(4).iterations(100).inputSize(64).seed(3).device("cpu").threads(1).checkpointEvery(10)
                .logEvery(1).build();
    }

    static Path create(Path root, String id, RunSpec spec) throws IOException {
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        Json.writeAtomically(spec, dir.resolve(RunDirectory.SPEC));
        return dir;
    }

    static void event(Path dir, RunEvent e) throws IOException {
        Files.writeString(dir.resolve(RunDirectory.EVENTS), Json.compact(e) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static void started(Path dir, long pid) throws IOException {
        event(dir, RunEvent.of(RunEvent.STARTED, 0).with("pid", pid).with("iterations", 100).with("device", "cpu"));
    }

    static void progress(Path dir, long step, double loss) throws IOException {
        event(dir, RunEvent.of(RunEvent.PROGRESS, step).with("loss", loss).with("lr", 1e-4)
                .with("imagesPerSecond", 10.0 + step).with("etaSeconds", 100.0 - step).with("epoch", step / 10.0));
    }

    static void metric(Path dir, long step, String split, String name, double value) throws IOException {
        Path f = dir.resolve(RunDirectory.METRICS);
        String header = Files.exists(f) ? "" : "step,epoch,split,name,value\n";
        Files.writeString(f, header + step + ",0.1000," + split + "," + name + "," + value + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
