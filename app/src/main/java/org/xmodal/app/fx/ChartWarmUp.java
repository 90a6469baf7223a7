package org.xmodal.app.fx;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.util.ExportUtils;
import org.xmodal.app.task.BackgroundPriority;
import org.xmodal.viz.CurveChart;

/**
 * Gets the chart library ready before the runs view is first shown: its first chart used to take that visit about
 * 150 ms on the FX thread (Java2D's font set-up, which the chart viewer uses to measure its text, the chart library's
 * static initialisers, the first drawing). In two parts, so that no native font set-up ever runs beside JavaFX's own:
 * {@link #beforeToolkit()} sets up Java2D's fonts on the launching thread before JavaFX starts (about 0.2 s added to
 * the window's opening, when nothing else is running), and {@link #start()}, once the window is shown, makes and draws
 * one chart off screen on a background thread of its own, as the reports' charts are drawn by workers, and makes the
 * chart viewers' first search for optional libraries.
 */
public final class ChartWarmUp {
    /** How long {@link #start()} leaves the window's first frames alone. */
    static final long AFTER_FIRST_FRAMES_MILLIS = 1000;
    private static volatile boolean fontsReady;

    private ChartWarmUp() {
    }

    /** Sets up Java2D's fonts and text measuring. Call before JavaFX starts; harmless later. */
    public static void beforeToolkit() {
        try {
            BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            try {
                for (int size : new int[] {11, 12, 14}) {
                    Font f = new Font(Font.SANS_SERIF, Font.PLAIN, size);
                    FontMetrics fm = g.getFontMetrics(f);
                    fm.stringWidth("loss 0.125");
                    fm.getLineMetrics("step", g);
                    g.setFont(f);
                    g.drawString("0.5", 0, 12);
                }
            } finally {
                g.dispose();
            }
            fontsReady = true;
        } catch (RuntimeException | LinkageError e) {
            // a warm-up only: the fonts are then set up when a chart is first drawn, as without it
        }
    }

    /**
     * Starts {@link #chart()} on a background thread below the window's priority, {@link #AFTER_FIRST_FRAMES_MILLIS}
     * from now; returns at once. Call once the window is shown (JavaFX's own fonts are set up by then). Not left to the
     * class warm-up, which waits for the window's first work to end: bench fx, the Runs view's first visit came 7-8 s
     * after the window opened, before that warm-up had reached the charts, in three of ten runs (one profiled), and
     * made the first chart itself, 62-108 ms of the FX thread in one pulse (the chart library's static initialisers,
     * Swing's look and feel among them: async-profiler).
     */
    public static void start() {
        Thread t = new Thread(() -> {
            BackgroundPriority.lower();
            try {
                // not beside the window's first frames, which the renderer draws on one core while the first view
                // starts on the other (started at once, this ran in the bench's first 0.3 s of the Data view)
                Thread.sleep(AFTER_FIRST_FRAMES_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            chart();
        }, "xmodal-chart-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Makes and draws one chart off screen, on any thread but the FX thread; nothing unless {@link #beforeToolkit()}
     * has set the fonts up (a window started some other way, as in the UI tests, sets them up on first use).
     */
    static void chart() {
        if (!fontsReady) {
            return;
        }
        try {
            sampleChart("loss").render(360, 200);
            // every chart viewer's export menu asks whether two optional libraries are on the class path; the first
            // asking, a search of every jar, took 167 ms in a JVM that had opened none (0.2 ms each time after)
            ExportUtils.isJFreeSVGAvailable();
            ExportUtils.isOrsonPDFAvailable();
        } catch (RuntimeException | LinkageError e) {
            // as above: the first chart is then made on its view's first visit
        }
    }

    /** A chart of one short curve named {@code curve}, as the warm-ups draw. */
    static CurveChart sampleChart(String curve) {
        CurveChart chart = new CurveChart("step", "loss");
        chart.setCurves(List.of(new CurveChart.Curve(curve, new double[] {0, 1, 2}, new double[] {3, 2, 1},
                CurveChart.Style.LINE, CurveChart.BLUE)));
        return chart;
    }
}
