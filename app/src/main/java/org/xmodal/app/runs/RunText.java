package org.xmodal.app.runs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunStatus;

/** Runs, events and figures in words and numbers a person reads at a glance. */
public final class RunText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private RunText() {
    }

    /** The state in one word: "preparing" before a running run's first step, else "running", "finished", ... */
    public static String state(RunStatus s) {
        return s.stateName();
    }

    /** " (Slurm: PENDING (Priority))" after the state of a run sent to Slurm; "" for any other run. */
    public static String job(ClusterJob job) {
        if (job == null) {
            return "";
        }
        return " (Slurm: " + (job.state() != null ? job.state().describe() : "?") + ")";
    }

    /** "Preparing: Encoding HHA 120 of 800 pairs", or "" when the run is not preparing. */
    public static String preparation(RunStatus s) {
        return s.preparing() ? "Preparing: " + s.preparation().message() : "";
    }

    /**
     * A preparation's fraction as a progress bar takes it: in [0, 1], or indeterminate (-1) when the engine does not
     * know how much work the stage is; 0 when the run is not preparing.
     */
    public static double preparationBar(RunStatus s) {
        if (!s.preparing()) {
            return 0;
        }
        double f = s.preparation().fraction();
        return Double.isNaN(f) ? -1 : f;
    }

    /** "1:02:03", "4:05", or "" when unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Four significant digits, or "" when unknown. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    public static String speed(double imagesPerSecond) {
        return Double.isFinite(imagesPerSecond) ? String.format(Locale.ROOT, "%.1f", imagesPerSecond) : "";
    }

    /** The run's figures in one line: step, loss, speed and time to go. */
    public static String figures(RunSummary r) {
        RunStatus s = r.status();
        long total = s.totalSteps() > 0 ? s.totalSteps() : r.spec().iterations();
        List<String> parts = new ArrayList<>();
        parts.add("step " + s.step() + (total > 0 ? " / " + total : ""));
        if (Double.isFinite(s.lastLoss())) {
            parts.add("loss " + number(s.lastLoss()));
        }
        if (Double.isFinite(s.imagesPerSecond())) {
            parts.add(speed(s.imagesPerSecond()) + " images/s");
        }
        if (r.isRunning() && Double.isFinite(s.etaSeconds())) {
            parts.add("ETA " + duration(s.etaSeconds()));
        }
        return String.join(" \u00b7 ", parts);
    }

    /**
     * A run's test results in a few words: its latest test accuracy and mAP as percentages ("clip accuracy 66.7%
     * \u00b7 clip mAP 75.0%" for a clips fine-tuning run, whose figures are over clips), or "" before it has any.
     *
     * @param accuracy the latest test accuracy, NaN when the run logged none
     * @param mAP      the latest test mAP, NaN when the run logged none
     */
    public static String results(SpecSummary spec, double accuracy, double mAP) {
        String what = "clips".equals(spec.finetuneTask()) ? "clip " : "test ";
        List<String> parts = new ArrayList<>();
        if (Double.isFinite(accuracy)) {
            parts.add(String.format(Locale.ROOT, "%saccuracy %.1f%%", what, 100 * accuracy));
        }
        if (Double.isFinite(mAP)) {
            parts.add(String.format(Locale.ROOT, "%smAP %.1f%%", what, 100 * mAP));
        }
        return String.join(" \u00b7 ", parts);
    }

    /** One line of the run page's log: the local time, the step, what happened. */
    public static String event(RunEvent e) {
        String details = switch (e.type()) {
            case RunEvent.PROGRESS -> join(figure("loss ", number(e.number("loss", Double.NaN)), ""),
                    figure("lr ", number(e.number("lr", Double.NaN)), ""),
                    figure("", speed(e.number("imagesPerSecond", Double.NaN)), " images/s"),
                    figure("ETA ", duration(e.number("etaSeconds", Double.NaN)), ""));
            case RunEvent.STARTED, RunEvent.RESUMED -> join(figure("pid ", e.text("pid"), ""),
                    figure("device ", e.text("device"), ""), figure("", e.text("iterations"), " iterations"));
            case RunEvent.CHECKPOINT -> e.text("file");
            case RunEvent.METRIC -> (e.text("split") == null ? "" : e.text("split") + " ") + e.text("name")
                    + " = " + number(e.number("value", Double.NaN)); // a run-level metric has no split
            case RunEvent.FAILED, RunEvent.STOPPED -> e.text("reason");
            case RunEvent.PREPARING -> join(e.text("message"), Double.isNaN(e.number("fraction", Double.NaN)) ? null
                    : String.format(Locale.ROOT, "%.0f%%", 100 * e.number("fraction", 0)));
            default -> other(e.details());
        };
        return String.format(Locale.ROOT, "%s  step %-7d %-10s %s", clock(e.time()), e.step(), e.type(),
                details == null ? "" : details);
    }

    /** "loss 0.53", or null when the figure is unknown. */
    private static String figure(String before, String value, String after) {
        return value == null || value.isEmpty() ? null : before + value + after;
    }

    private static String join(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (p != null) {
                kept.add(p);
            }
        }
        return String.join(", ", kept);
    }

    private static String clock(String time) {
        try {
            return CLOCK.format(Instant.parse(time).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException | NullPointerException e) {
            return "--:--:--";
        }
    }

    private static String other(Map<String, Object> details) {
        List<String> parts = new ArrayList<>();
        details.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }
}
