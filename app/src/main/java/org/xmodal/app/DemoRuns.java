package org.xmodal.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.Presets;
import org.xmodal.app.runs.SpecSummary;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/**
 * Runs for pictures of the runs, filters and features views when a folder of runs has none: the CPU demo presets
 * (an RGB teacher, then a transfer from it to depth) at their own lengths, so that the pictures show what a user's
 * runs of them learn (about two minutes on two cores), run by engine processes one after the other.
 */
final class DemoRuns {

    private DemoRuns() {
    }

    /** The newest run of a kind in the folder that finished, if any. */
    static Optional<RunDirectory> finished(Path runs, String kind) throws IOException {
        for (RunDirectory r : RunDirectory.list(runs)) {
            if (kind.equals(SpecSummary.read(r.path().resolve(RunDirectory.SPEC)).kind()) && r.status().state() == RunStatus.State.FINISHED
                    && r.latestCheckpointStep().isPresent()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether the folder has a finished teacher run and a finished transfer run. */
    static boolean present(Path runs) throws IOException {
        return finished(runs, "teacher").isPresent() && finished(runs, "transfer").isPresent();
    }

    /** Runs a shortened teacher and transfer into {@code runs}, waiting for each (about two minutes on two cores). */
    static void make(Path runs, Path workbenchRoot, EngineProcesses engine) throws Exception {
        List<Presets.Preset> presets = Presets.list(workbenchRoot);
        RunSpec teacher = Presets.load(preset(presets, "teacher-cpu-demo"), workbenchRoot, runs);
        run(runs, engine, "demo-teacher", named(teacher, "demo-rgb-teacher", null));
        Path teacherRun = finished(runs, "teacher").orElseThrow(() -> new IllegalStateException(
                "the demo teacher run did not finish; its output is in " + runs.resolve(EngineProcesses.LOGS))).path();
        RunSpec transfer = Presets.load(preset(presets, "transfer-cpu-demo"), workbenchRoot, runs);
        run(runs, engine, "demo-transfer", named(transfer, "demo-transfer-depth", teacherRun.toString()));
    }

    private static Presets.Preset preset(List<Presets.Preset> presets, String name) {
        return presets.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalStateException("the preset " + name + " is missing from " + Presets.FOLDER));
    }

    private static RunSpec named(RunSpec s, String name, String teacherWeights) {
        RunSpec.Teacher t = s.teacher() == null || teacherWeights == null ? s.teacher()
                : s.teacher().withWeights(teacherWeights);
        return s.toBuilder().name(name).teacher(t).launch(null).build();
    }

    private static void run(Path runs, EngineProcesses engine, String what, RunSpec spec) throws Exception {
        Path file = runs.resolve(".specs").resolve(what + ".json");
        Json.writeAtomically(spec, file);
        System.err.println("xmodal screenshots: running " + what + " (" + spec.iterations() + " iterations) ...");
        EngineProcesses.Child c = engine.start(what, runs.resolve(EngineProcesses.LOGS), List.of("run", "--spec",
                file.toString(), "--runs", runs.toString()));
        int exit = c.process().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(what + " failed: " + EngineProcesses.lastWords(c.log()));
        }
    }
}
