package org.xmodal.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.List;
import org.xmodal.app.bench.FxPulseMonitor;
import org.xmodal.app.bench.ViewVisits;
import org.xmodal.app.fx.RegionCaching;
import org.xmodal.app.results.RecentExperiments;
import org.xmodal.app.shell.ViewEntry;
import org.xmodal.app.shell.WorkbenchView;
import org.xmodal.engine.device.CpuKernels;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.app.lab.EncodingLabView;
import org.xmodal.app.lab.HhaLabViewModel;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.RunFormViewModel;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.runs.RunsView;
import org.xmodal.app.runs.RunsViewModel;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * {@code ./xmodal bench fx [--seconds N] [--experiment DIR]}: is the FX thread ever blocked, on a view's first visit
 * or while a run streams and an encoding recomputes? Opens the workbench headless on the sample data and visits each
 * view once, in the navigation's order, as a newcomer would: the Data view opens the sample data, and after the Runs
 * view a real run (an engine process training on every core, logging every step, checkpointing often) is started
 * from the run form, so that the views after it (filters, features) have a run to show; the results view opens
 * {@code --experiment DIR} as the newest of its recent experiments when one is given. Then, for N seconds, it keeps
 * the run's page live while the encoding lab recomputes HHA four times a second and the window goes through its views
 * again, one every two seconds. A pulse monitor records the longest time between two pulses of the FX thread, per
 * view for its first visit and for its visits again; the last line printed is the worst of all.
 */
final class FxBenchCommand {
    private static final long CHANGE_EVERY_MS = 250;
    private static final long SWITCH_EVERY_MS = 2000;
    /** After a first visit's work is done, time for what it sets off (drawing, a late outcome) to show up. */
    private static final long AFTER_VISIT_MS = 1000;
    /** The longest a first visit's work is waited for. */
    private static final long VISIT_SECONDS = 120;
    private static final int CHECKPOINT_EVERY = 20;
    /** Pulses after the window is shown that belong to its opening (its first frames painted). */
    private static final int FIRST_FRAMES = 4;
    /** The phase before any view is visited, left out of the figures. */
    private static final String OPENING = "opening the window";
    private static final String STARTING_RUN = "starting a run from the run form";

    private FxBenchCommand() {
    }

    /**
     * Measures for {@code seconds} after the first visits, switching views and recomputing HHA unless told not to,
     * the results view opening {@code experiment} when given; the exit code.
     */
    static int run(int seconds, boolean switching, boolean recomputing, Path experimentArg) {
        if (seconds < 1) {
            System.err.println("xmodal bench fx: --seconds must be a positive whole number, got " + seconds);
            return 2;
        }
        Path experiment = experimentArg == null ? null : experimentArg.toAbsolutePath().normalize();
        if (experiment != null && !new ExperimentLayout(experiment).isFinished()) {
            System.err.println("xmodal bench fx: " + experiment + ": not an experiment folder (no "
                    + "results/summary.json; give the folder ./xmodal experiment table1 --out wrote)");
            return 2;
        }
        Optional<SampleData> sample = SampleData.locate();
        if (sample.isEmpty()) {
            System.err.println("xmodal bench fx: the bundled sample data was not found (run it through ./xmodal)");
            return 2;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("xmodal-bench-fx");
            // the results view reads and writes the recent experiments: the bench's own, never the person's
            System.setProperty("xmodal.config", tmp.resolve("config").toString());
            if (experiment != null) {
                new RecentExperiments(tmp.resolve("config").resolve("recent-experiments.txt"))
                        .save(List.of(experiment));
            }
            return measure(sample.get(), tmp, seconds, switching, recomputing);
        } catch (Exception e) {
            System.err.println("xmodal bench fx: failed: " + e);
            return 1;
        } finally {
            javafx.application.Platform.exit();
            delete(tmp);
        }
    }

    /**
     * The engine processes' cache is the bench's own (their encodings are computed as on a first run), but the check
     * of the CPU's convolution kernels is remembered in it from the person's own when it was made there, as it is on
     * every start after a machine's first. The check is four engine processes that each load PyTorch, once per
     * machine and PyTorch build; made again in every bench, it took both cores while the views were first visited
     * (the inspection process's first answer 11.5-16.6 s, against 1.8 s with the check remembered).
     */
    private static void rememberKernelsCheck(Path engineCache) throws IOException {
        Path own = CpuKernels.cacheFile(EncodingCache.userDefault());
        if (Files.isRegularFile(own)) {
            Path there = CpuKernels.cacheFile(EncodingCache.under(engineCache));
            Files.createDirectories(there.getParent());
            Files.copy(own, there);
            System.err.println("bench fx: the CPU kernels' check remembered from " + own);
        } else {
            System.err.println("bench fx: no CPU kernels' check made yet (" + own + "): the bench's engine processes "
                    + "make it, on both cores, while the views are first visited");
        }
    }

    private static int measure(SampleData sample, Path tmp, int seconds, boolean switching, boolean recomputing)
            throws Exception {
        System.err.println("bench fx: writing a small synthetic dataset for the run...");
        Path data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(11, 32).withSize(160, 120), data, false, 2, ProgressListener.NONE,
                new Cancellation());
        Path engineCache = tmp.resolve("engine-cache");
        rememberKernelsCheck(engineCache);
        EngineProcesses engine = EngineProcesses.likeThisJvm()
                .withEnvironment("XDG_CACHE_HOME", engineCache.toString())
                .withJvmOption("-Dxmodal.log.level=WARN");
        RunsSetup runs = RunsSetup.inFolder(tmp.resolve("runs"), engine);
        // JavaFX first, as the window starts it (WarmUp.beforeToolkit): the monitor is an animation timer, and making
        // one starts the toolkit, which would read the renderer's settings before the window's are set
        HeadlessWorkbench.startFx();
        if (!RegionCaching.asSet()) {
            System.err.println("bench fx: warning: the renderer started before the window's settings were set (its "
                    + "region background cache is not as the window has it): the figures below are not the window's");
        }
        FxPulseMonitor monitor = new FxPulseMonitor();
        HeadlessWorkbench.onFx(() -> {
            monitor.start();
            monitor.phase(OPENING);
        });
        List<String> views = WorkbenchViews.all().stream().map(ViewEntry::title).toList();
        try (HeadlessWorkbench w = HeadlessWorkbench.openWindow(sample, runs)) {
            // the window's first frames are part of its opening: painting them all takes the renderer a while
            // (about 180 ms here), which the next pulses wait for, whatever they do
            long shown = HeadlessWorkbench.onFx(monitor::pulses);
            HeadlessWorkbench.waitFor("the window's first frames", 30, () -> monitor.pulses() >= shown + FIRST_FRAMES);
            long measuring = System.nanoTime();
            System.err.println("bench fx: first visits of " + String.join(", ", views) + "...");
            HeadlessWorkbench.onFx(() -> {
                monitor.phase(ViewVisits.firstVisit(views.get(0)));
                w.context.session().open(sample.rgbd());
            });
            afterVisit(w);
            HhaLabViewModel hha = null;
            RunsViewModel vm = null;
            for (String view : views.subList(1, views.size())) {
                System.err.println("bench fx: " + ViewVisits.firstVisit(view) + " at " + java.time.LocalTime.now());
                WorkbenchView v = HeadlessWorkbench.onFx(() -> {
                    monitor.phase(ViewVisits.firstVisit(view));
                    return w.shell.show(view);
                });
                afterVisit(w);
                if (v instanceof EncodingLabView lab) {
                    hha = lab.hhaModel();
                } else if (v instanceof RunsView r) {
                    vm = r.model();
                    HeadlessWorkbench.onFx(() -> monitor.phase(STARTING_RUN));
                    startRun(vm, data);
                    afterVisit(w);
                }
            }
            if (hha == null || vm == null) {
                throw new IllegalStateException("the workbench has no Encoding lab or Runs view: " + views);
            }
            RunsViewModel runsModel = vm;
            HhaLabViewModel hhaModel = hha;
            java.util.Map<String, Long> cpuBefore = cpuByThreadGroup();
            System.err.printf(Locale.ROOT, "bench fx: measuring for %d s (run streaming%s%s)...%n", seconds,
                    recomputing ? ", HHA recomputing every " + CHANGE_EVERY_MS + " ms" : "",
                    switching ? ", views switching every " + SWITCH_EVERY_MS + " ms" : "");
            int previewsBefore = HeadlessWorkbench.onFx(hhaModel::previewsComputed);
            HeadlessWorkbench.onFx(() -> {
                monitor.phase(ViewVisits.again(views.get(views.size() - 1)));
            });
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int changes = 0;
            long lastSwitch = start;
            int current = views.size() - 1;
            while (System.nanoTime() < end) {
                if (recomputing) {
                    int radius = 3 + changes++ % 2;
                    HeadlessWorkbench.onFx(() -> hhaModel.normalRadiusProperty().set(radius));
                }
                if (switching && System.nanoTime() - lastSwitch >= SWITCH_EVERY_MS * 1_000_000L) {
                    current = (current + 1) % views.size();
                    String next = views.get(current);
                    lastSwitch = System.nanoTime();
                    HeadlessWorkbench.onFx(() -> {
                        monitor.phase(ViewVisits.again(next));
                        w.shell.show(next);
                    });
                }
                Thread.sleep(CHANGE_EVERY_MS);
            }
            // before the monitor stops: its CPU watchers end with it, and a thread that ended is no longer counted
            java.util.Map<String, Long> cpuAfter = cpuByThreadGroup();
            HeadlessWorkbench.onFx(monitor::stop);
            // the clock time a gap ended, to find it in a flight recording or a GC log
            java.time.LocalTime clockNow = java.time.LocalTime.now();
            long nanoNow = System.nanoTime();
            List<FxPulseMonitor.Gap> notable = monitor.notableGaps();
            for (FxPulseMonitor.Gap g : notable) {
                System.err.printf(Locale.ROOT, "bench fx: gap of %.0f ms (CPU in it: FX thread %.0f ms, renderer %.0f ms, "
                        + "this process %.0f ms; the collector stopped it %.0f ms%s%s) at %.1f s (ending %s), %s%n",
                        g.millis(), g.fxCpuMillis(), g.rendererCpuMillis(), g.processCpuMillis(),
                        g.collectorPauseMillis(), g.collectorPauseMillis() > 0 ? String.format(Locale.ROOT,
                                ", its threads on a CPU %.0f ms", g.collectorCpuMillis()) : "",
                        g.cpuStopMillis() > 0 ? String.format(Locale.ROOT,
                                "; a CPU stopped %.0f ms of it", g.cpuStopMillis()) : "",
                        (g.endNanos() - measuring) / 1e9,
                        clockNow.minusNanos(nanoNow - g.endNanos()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                        g.phase());
            }
            RunRecord run = HeadlessWorkbench.onFx(() -> runsModel.selectedProperty().get());
            int streamed = HeadlessWorkbench.onFx(() -> run.series("train", "loss").map(s -> s.size()).orElse(0));
            int previews = HeadlessWorkbench.onFx(hhaModel::previewsComputed) - previewsBefore;
            HeadlessWorkbench.onFx(() -> {
                w.shell.show("Runs");
                runsModel.stopSelected();
            });
            HeadlessWorkbench.waitFor("the run stops", 120, () -> run.summary().status().state()
                    != RunStatus.State.RUNNING);
            List<FxPulseMonitor.Phase> phases = monitor.phases();
            System.out.println("Worst FX gap of each view: its first visit on a fresh window, then its visits again "
                    + "while the run streams" + (recomputing ? " and HHA recomputes" : "") + "; busy: the most CPU the "
                    + "FX thread used within one gap (a gap with little is the FX thread starved by other processes)");
            ViewVisits.table(views, phases).forEach(line -> System.out.println("  " + line));
            phases.stream().filter(p -> p.name().equals(OPENING) || p.name().equals(STARTING_RUN)).forEach(
                    p -> System.out.printf(Locale.ROOT, "  (%s: worst gap %.0f ms)%n", p.name(), p.worstMillis()));
            System.out.printf(Locale.ROOT, "run streamed %d loss rows (step %d, %s images/s); %d HHA previews "
                    + "computed; %d requests%n", streamed, run.summary().status().step(),
                    String.format(Locale.ROOT, "%.1f", run.summary().status().imagesPerSecond()), previews, changes);
            System.out.printf(Locale.ROOT, "%d pulses (%.1f/s); gaps: median %d ms, 99th percentile %d ms, "
                    + "%d over 100 ms%n", monitor.pulses(), monitor.pulsesPerSecond(),
                    monitor.percentileMillis(0.5), monitor.percentileMillis(0.99), monitor.gapsOver(100));
            List<FxPulseMonitor.Gap> paused = notable.stream().filter(g -> g.collectorPauseMillis() > 0).toList();
            System.out.printf(Locale.ROOT, "%d gaps of %d ms or more (the window's opening included), %d with a pause of "
                    + "the garbage collector in them (%.1f ms of it on average)%n", notable.size(),
                    FxPulseMonitor.NOTABLE_MILLIS, paused.size(), paused.stream()
                            .mapToDouble(FxPulseMonitor.Gap::collectorPauseMillis).average().orElse(0));
            StringBuilder cpu = new StringBuilder("CPU time while views were visited again:");
            cpuAfter.forEach((k, v) -> cpu.append(String.format(Locale.ROOT, " %s %.1f s,", k,
                    (v - cpuBefore.getOrDefault(k, 0L)) / 1e9)));
            System.out.println(cpu.substring(0, cpu.length() - 1) + " (of " + seconds + " s)");
            if (!w.problems.isEmpty()) {
                w.problems.forEach(p -> System.err.println("xmodal bench fx: " + p.title() + ": " + p.message()));
            }
            // the window's own opening is before any view is visited: the figure is everything after it
            double worst = phases.stream().filter(p -> !p.name().equals(OPENING))
                    .mapToDouble(FxPulseMonitor.Phase::worstMillis).max().orElse(0);
            Optional<double[]> stops = monitor.cpuStopMillis();
            if (stops.isEmpty()) {
                System.out.println("CPU stops: not watched (a thread cannot be bound to each CPU here)");
            } else {
                // a gap a CPU stopped in is the machine's as much as the window's: the worst gap without one
                List<FxPulseMonitor.Gap> afterOpening = notable.stream().filter(g -> !g.phase().equals(OPENING))
                        .toList();
                List<FxPulseMonitor.Gap> stopped = afterOpening.stream().filter(g -> g.cpuStopMillis() > 0).toList();
                System.out.printf(Locale.ROOT, "CPU stops of %d ms or more (a CPU that ran none of this process's "
                        + "waiting threads, the collector's pauses taken out): %d, the longest %.0f ms; gaps of %d ms "
                        + "or more with a stop in them (these, or one inside a pause of the collector): %d%n",
                        FxPulseMonitor.CPU_STOP_MILLIS, stops.get().length,
                        java.util.Arrays.stream(stops.get()).max().orElse(0), FxPulseMonitor.NOTABLE_MILLIS,
                        stopped.size());
                if (!stopped.isEmpty()) {
                    double unstopped = afterOpening.stream().filter(g -> g.cpuStopMillis() == 0)
                            .mapToDouble(FxPulseMonitor.Gap::millis).max().orElse(0);
                    System.out.println(unstopped > 0 ? String.format(Locale.ROOT,
                            "worst FX gap without a CPU stop in it %.0f ms", unstopped)
                            : "worst FX gap without a CPU stop in it under " + FxPulseMonitor.NOTABLE_MILLIS + " ms");
                }
            }
            System.out.printf(Locale.ROOT, "worst FX gap %.0f ms%n", worst);
            return w.problems.isEmpty() ? 0 : 1;
        }
    }

    /** Starts a transfer run from the run form (a random teacher, every step logged) and waits for a checkpoint. */
    private static void startRun(RunsViewModel vm, Path data) throws Exception {
        HeadlessWorkbench.onFx(() -> {
            vm.newRun();
            RunFormViewModel form = vm.form();
            form.value("name").set("bench-fx");
            form.value("data").set(data.toString());
            form.value("teacher.source").set("random");
            form.value("teacher.weights").set("");
            form.value("iterations").set(1_000_000);
            form.value("logEvery").set(1);
            // checkpoints early and often, so that the filters and features views have one on their first visit
            form.value("checkpointEvery").set(CHECKPOINT_EVERY);
            form.value("filterSnapshots").set("");
            vm.start();
        });
        System.err.println("bench fx: starting the run (an engine process) and waiting for its first checkpoint...");
        HeadlessWorkbench.waitFor("the run streams its loss and writes a checkpoint", 300, () -> {
            RunRecord r = vm.selectedProperty().get();
            return r != null && r.series("train", "loss").map(s -> s.size() >= 3).orElse(false)
                    && !r.summary().checkpoints().isEmpty();
        });
    }

    /** Waits until the workbench is quiet again (or {@link #VISIT_SECONDS}), then a little for what follows. */
    private static void afterVisit(HeadlessWorkbench w) throws Exception {
        try {
            w.settle(VISIT_SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("bench fx: " + e.getMessage() + "; going on");
        }
        Thread.sleep(AFTER_VISIT_MS);
    }

    /** CPU time of this JVM's threads so far, by role: the FX thread, the renderer, the workers, the rest. */
    private static java.util.Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            String n = t.getThreadName();
            String group = n.equals("JavaFX Application Thread") ? "FX thread" : n.startsWith("QuantumRenderer")
                    ? "renderer" : n.startsWith("xmodal-worker") ? "workers" : "other";
            long c = mx.getThreadCpuTime(t.getThreadId());
            if (c > 0) {
                out.merge(group, c, Long::sum);
            }
        }
        return out;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("xmodal bench fx: could not remove " + dir + " (" + e.getMessage() + ")");
        }
    }
}
