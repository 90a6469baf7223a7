package org.xmodal.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.xmodal.app.bench.FxPulseMonitor;
import org.xmodal.app.lab.EncodingLabView;
import org.xmodal.app.lab.HhaLabViewModel;
import org.xmodal.app.runs.DeviceProbe;
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
 * {@code ./xmodal bench fx [--seconds N]}: is the FX thread ever blocked while a run streams and an encoding
 * recomputes? Opens the workbench headless on the sample data, starts a real run (an engine process training on
 * every core, logging every step) from the run form, and for N seconds keeps its page live while the encoding lab
 * recomputes HHA four times a second and the window switches between the two views every two seconds. A pulse
 * monitor records the longest time between two pulses of the FX thread; the last line printed is that figure.
 * Views are made and the run is streaming before measuring starts; the run is stopped at the end.
 */
final class FxBenchCommand {
    private static final String USAGE = "Usage: xmodal bench fx [--seconds N] [--no-switch] [--no-hha]   (default 20 s;"
            + " the two flags leave out switching views or recomputing HHA, to see what a gap comes from)";
    private static final long CHANGE_EVERY_MS = 250;
    private static final long SWITCH_EVERY_MS = 2000;

    private FxBenchCommand() {
    }

    static int run(String[] args) {
        int seconds = 20;
        boolean switching = true;
        boolean recomputing = true;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-switch")) {
                switching = false;
            } else if (args[i].equals("--no-hha")) {
                recomputing = false;
            } else if (args[i].equals("--seconds") && i + 1 < args.length) {
                try {
                    seconds = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (seconds < 1) {
                    System.err.println("xmodal bench fx: --seconds must be a positive whole number, got " + args[i]);
                    return 2;
                }
            } else {
                System.err.println("xmodal bench fx: unexpected argument " + args[i]);
                System.err.println(USAGE);
                return 2;
            }
        }
        Optional<SampleData> sample = SampleData.locate();
        if (sample.isEmpty()) {
            System.err.println("xmodal bench fx: the bundled sample data was not found (run it through ./xmodal)");
            return 2;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("xmodal-bench-fx");
            return measure(sample.get(), tmp, seconds, switching, recomputing);
        } catch (Exception e) {
            System.err.println("xmodal bench fx: failed: " + e);
            return 1;
        } finally {
            javafx.application.Platform.exit();
            delete(tmp);
        }
    }

    private static int measure(SampleData sample, Path tmp, int seconds, boolean switching, boolean recomputing)
            throws Exception {
        System.err.println("bench fx: writing a small synthetic dataset for the run...");
        Path data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(11, 32).withSize(160, 120), data, false, 2, ProgressListener.NONE,
                new Cancellation());
        EngineProcesses engine = EngineProcesses.likeThisJvm()
                .withEnvironment("XDG_CACHE_HOME", tmp.resolve("engine-cache").toString())
                .withJvmOption("-Dxmodal.log.level=WARN");
        RunsSetup runs = new RunsSetup(tmp.resolve("runs"), engine, DeviceProbe.pytorch());
        try (HeadlessWorkbench w = HeadlessWorkbench.open(sample, runs)) {
            w.settle();
            EncodingLabView lab = HeadlessWorkbench.onFx(() -> (EncodingLabView) w.shell.show("Encoding lab"));
            w.settle();
            RunsView view = HeadlessWorkbench.onFx(() -> (RunsView) w.shell.show("Runs"));
            RunsViewModel vm = view.model();
            HeadlessWorkbench.onFx(() -> {
                vm.newRun();
                RunFormViewModel form = vm.form();
                form.value("name").set("bench-fx");
                form.value("data").set(data.toString());
                form.value("teacher.source").set("random");
                form.value("teacher.weights").set("");
                form.value("iterations").set(1_000_000);
                form.value("logEvery").set(1);
                form.value("checkpointEvery").set(100_000);
                form.value("filterSnapshots").set("");
                vm.start();
            });
            System.err.println("bench fx: starting the run (an engine process) and waiting for it to stream...");
            HeadlessWorkbench.waitFor("the run streams its loss", 300, () -> vm.selectedProperty().get() != null
                    && vm.selectedProperty().get().series("train", "loss").map(s -> s.size() >= 3).orElse(false));
            HhaLabViewModel hha = lab.hhaModel();
            FxPulseMonitor monitor = new FxPulseMonitor();
            java.util.Map<String, Long> cpuBefore = cpuByThreadGroup();
            HeadlessWorkbench.onFx(monitor::start);
            System.err.printf(Locale.ROOT, "bench fx: measuring for %d s (run streaming%s%s)...%n", seconds,
                    recomputing ? ", HHA recomputing every " + CHANGE_EVERY_MS + " ms" : "",
                    switching ? ", views switching every " + SWITCH_EVERY_MS + " ms" : "");
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int changes = 0;
            long lastSwitch = start;
            boolean showingRuns = true;
            java.util.List<Long> switches = new java.util.ArrayList<>();
            while (System.nanoTime() < end) {
                if (recomputing) {
                    int radius = 3 + changes++ % 2;
                    HeadlessWorkbench.onFx(() -> hha.normalRadiusProperty().set(radius));
                }
                if (switching && System.nanoTime() - lastSwitch >= SWITCH_EVERY_MS * 1_000_000L) {
                    showingRuns = !showingRuns;
                    String next = showingRuns ? "Runs" : "Encoding lab";
                    lastSwitch = System.nanoTime();
                    switches.add(lastSwitch);
                    HeadlessWorkbench.onFx(() -> w.shell.show(next));
                }
                Thread.sleep(CHANGE_EVERY_MS);
            }
            HeadlessWorkbench.onFx(monitor::stop);
            java.util.Map<String, Long> cpuAfter = cpuByThreadGroup();
            for (FxPulseMonitor.Gap g : monitor.notableGaps()) {
                long after = switches.stream().filter(t -> t <= g.endNanos()).mapToLong(t -> g.endNanos() - t).min()
                        .orElse(-1);
                System.err.printf(Locale.ROOT, "bench fx: gap of %.0f ms (FX thread on the CPU %.0f ms of it) at "
                        + "%.1f s%s%n", g.millis(), g.fxCpuMillis(), (g.endNanos() - start) / 1e9, after >= 0 && after < 1_000_000_000L
                                ? String.format(Locale.ROOT, " (%.0f ms after a view switch)", after / 1e6) : "");
            }
            RunRecord run = HeadlessWorkbench.onFx(() -> vm.selectedProperty().get());
            int streamed = HeadlessWorkbench.onFx(() -> run.series("train", "loss").map(s -> s.size()).orElse(0));
            int previews = HeadlessWorkbench.onFx(hha::previewsComputed);
            HeadlessWorkbench.onFx(() -> {
                w.shell.show("Runs");
                vm.stopSelected();
            });
            HeadlessWorkbench.waitFor("the run stops", 120, () -> run.summary().status().state()
                    != RunStatus.State.RUNNING);
            System.out.printf(Locale.ROOT, "run streamed %d loss rows (step %d, %s images/s); %d HHA previews "
                    + "computed; %d requests%n", streamed, run.summary().status().step(),
                    String.format(Locale.ROOT, "%.1f", run.summary().status().imagesPerSecond()), previews, changes);
            System.out.printf(Locale.ROOT, "%d pulses in %d s (%.1f/s); gaps: median %d ms, 99th percentile %d ms, "
                    + "%d over 100 ms%n", monitor.pulses(), seconds, monitor.pulsesPerSecond(),
                    monitor.percentileMillis(0.5), monitor.percentileMillis(0.99), monitor.gapsOver(100));
            StringBuilder cpu = new StringBuilder("CPU time while measuring:");
            cpuAfter.forEach((k, v) -> cpu.append(String.format(Locale.ROOT, " %s %.1f s,", k,
                    (v - cpuBefore.getOrDefault(k, 0L)) / 1e9)));
            System.out.println(cpu.substring(0, cpu.length() - 1) + " (of " + seconds + " s)");
            if (!w.problems.isEmpty()) {
                w.problems.forEach(p -> System.err.println("xmodal bench fx: " + p.title() + ": " + p.message()));
            }
            System.out.printf(Locale.ROOT, "worst FX gap %.0f ms%n", monitor.worstGapMillis());
            return w.problems.isEmpty() ? 0 : 1;
        }
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
