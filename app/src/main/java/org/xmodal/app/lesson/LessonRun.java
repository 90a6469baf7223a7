package org.xmodal.app.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.RunControl;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.FilterStructure;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/**
 * A real run the lesson starts in an engine process, in the window's folder of runs (so it is in Runs, Filters and
 * Features too), followed by a thread of its own that reads the run folder and hands each new look to the UI
 * thread: the loss so far, the newest filter snapshot, the newest checkpoint, the state.
 */
final class LessonRun {
    /** What the run folder showed at one look. */
    record Look(RunDirectory run, RunStatus status, SortedMap<Long, Double> loss, Optional<Path> filters,
                Optional<RgbImage> filtersPicture, OptionalDouble structure, Optional<Long> checkpoint,
                OptionalDouble teacherScale) {
        boolean ended() {
            return status.state() != RunStatus.State.RUNNING && status.state() != RunStatus.State.CREATED;
        }

        /** "step 120 of 300, loss 41.2" or "preparing: encoding 12 of 40 pairs" or "finished". */
        String describe() {
            if (status.preparing()) {
                return "preparing: " + status.preparation().message();
            }
            if (status.state() == RunStatus.State.RUNNING) {
                return String.format(Locale.ROOT, "step %d of %d, loss %.4g", status.step(), status.totalSteps(),
                        status.lastLoss());
            }
            return status.stateName() + (status.message() == null || status.message().isBlank() ? ""
                    : ": " + status.message());
        }
    }

    private static final long LOOK_EVERY_MS = 600;
    private final EngineProcesses.Child child;
    private final Thread follower;
    private volatile boolean stopped;

    private LessonRun(EngineProcesses.Child child, Path root, Set<String> before, String name, Consumer<Look> onLook,
                      Consumer<String> onFailure) {
        this.child = child;
        this.follower = new Thread(() -> follow(root, before, name, onLook, onFailure), "lesson run " + name);
        follower.setDaemon(true);
    }

    /**
     * Starts {@code spec} in the window's folder of runs and follows it: {@code onLook} (UI thread) at each look
     * until the run ends (the last look is the ended one), {@code onFailure} if the engine exits without a run.
     */
    static LessonRun start(WorkbenchContext context, RunSpec spec, Consumer<Look> onLook,
                           Consumer<String> onFailure) throws IOException {
        Path root = context.runs().root();
        Files.createDirectories(root);
        Set<String> before = new HashSet<>();
        for (RunDirectory r : RunDirectory.list(root)) {
            before.add(r.id());
        }
        Path specFile = root.resolve(".specs").resolve(spec.name() + "-" + System.currentTimeMillis() + ".json");
        Json.writeAtomically(spec, specFile);
        RunControl control = new RunControl(context.runsSetup().engine(), () -> root);
        LessonRun run = new LessonRun(control.start(specFile, spec.name()), root, before, spec.name(), onLook,
                onFailure);
        run.follower.start();
        return run;
    }

    /** Asks the engine to stop (it checkpoints and ends the run as stopped). */
    void stop() {
        stopped = true;
        child.process().destroy();
    }

    private void follow(Path root, Set<String> before, String name, Consumer<Look> onLook,
                        Consumer<String> onFailure) {
        try {
            RunDirectory run = null;
            while (run == null) {
                run = RunDirectory.list(root).stream().filter(r -> !before.contains(r.id())
                        && r.id().endsWith("-" + name)).findFirst().orElse(null);
                if (run == null) {
                    if (!child.process().isAlive()) {
                        Platform.runLater(() -> onFailure.accept("the engine ended before it made the run: "
                                + EngineProcesses.lastWords(child.log())));
                        return;
                    }
                    Thread.sleep(LOOK_EVERY_MS);
                }
            }
            while (true) {
                Look look = look(run);
                Platform.runLater(() -> onLook.accept(look));
                if (look.ended() || (!child.process().isAlive() && look.status().state() == RunStatus.State.RUNNING)) {
                    if (!look.ended()) {
                        Look last = look(run); // the engine may have written its last event since
                        Platform.runLater(() -> onLook.accept(last));
                    }
                    return;
                }
                Thread.sleep(LOOK_EVERY_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                Platform.runLater(() -> onFailure.accept(why));
            }
        }
    }

    static Look look(RunDirectory run) throws IOException {
        RunStatus status = run.status();
        SortedMap<Long, Double> loss = new TreeMap<>(run.metrics().series("loss"));
        SortedMap<Long, Double> structure = run.metrics().series(FilterStructure.METRIC);
        Optional<Path> filters = Optional.empty();
        if (Files.isDirectory(run.filters())) {
            try (Stream<Path> s = Files.list(run.filters())) {
                filters = s.filter(p -> p.getFileName().toString().matches("step-\\d+\\.png"))
                        .max(Comparator.comparing(p -> p.getFileName().toString()));
            }
        }
        OptionalDouble scale = OptionalDouble.empty();
        for (RunEvent e : run.events()) {
            if (RunEvent.METRIC.equals(e.type()) && "teacherScale".equals(e.text("name"))) {
                scale = OptionalDouble.of(e.number("value", Double.NaN));
            }
        }
        // decoded here, on the follower's thread, not on the UI thread that shows it
        Optional<RgbImage> picture = filters.isPresent() ? Optional.of(ImageFiles.readRgb(filters.get()))
                : Optional.empty();
        return new Look(run, status, loss, filters, picture, structure.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(structure.get(structure.lastKey())), run.latestCheckpointStep(), scale);
    }
}
