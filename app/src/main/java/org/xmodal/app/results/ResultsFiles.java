package org.xmodal.app.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.Outcome;
import org.xmodal.viz.charts.ChartFiles;

/**
 * The Results view's files: the table, the charts and a copy of the report saved where the person chose, off the UI
 * thread, never replacing a file unless told that the person agreed to it; and the report opened in a browser.
 */
final class ResultsFiles {
    /** What was about to be replaced without the person's consent. */
    static final class WouldReplace extends IOException {
        WouldReplace(Path file) {
            super(file + " already exists");
        }
    }

    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    private final WorkbenchContext context;
    private final ReportOpener opener;
    private final Consumer<String> notice;

    ResultsFiles(WorkbenchContext context, ReportOpener opener, Consumer<String> notice) {
        this.context = context;
        this.opener = opener;
        this.notice = notice;
    }

    /**
     * Writes {@code what} to {@code file} (through a temporary file, so a failure leaves no half-written one).
     *
     * @param replace whether the person agreed to replace an existing file
     */
    void save(String what, Path file, boolean replace, Writer writer) {
        context.executor().submit("Saving " + file.getFileName(), (progress, cancel) -> {
            if (!replace && Files.exists(file)) {
                throw new WouldReplace(file);
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                writer.write(tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        }, outcome -> {
            if (outcome instanceof Outcome.Done<Path> done) {
                notice.accept("Saved " + what + " to " + done.value());
            } else if (outcome instanceof Outcome.Failed<Path> failed) {
                context.problems().report(failed.error() instanceof WouldReplace
                        ? new Problem("Did not save " + what, file + " already exists.",
                        "Choose another name, or confirm in the file chooser that it may be replaced.")
                        : Problems.describe("Could not save " + what, failed.error()));
            }
        });
    }

    void saveText(String what, Path file, boolean replace, String text) {
        save(what, file, replace, f -> Files.writeString(f, text, StandardCharsets.UTF_8));
    }

    /**
     * Saves a chart as SVG when the file's name ends in .svg, else as PNG. The chart is made afresh for the file
     * (on the worker thread) so the one on screen is never drawn from two threads.
     */
    void saveChart(String what, Path file, boolean replace, Supplier<JFreeChart> chart, int width, int height) {
        boolean svg = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        save(what, file, replace, f -> {
            if (svg) {
                ChartFiles.writeSvg(chart.get(), width, height, f);
            } else {
                ChartFiles.writePng(chart.get(), width, height, f);
            }
        });
    }

    void copy(String what, Path from, Path to, boolean replace) {
        save(what, to, replace, f -> Files.copy(from, f, StandardCopyOption.REPLACE_EXISTING));
    }

    void open(Path file) {
        context.executor().submit("Opening " + file.getFileName(), (progress, cancel) -> {
            if (!Files.isRegularFile(file)) {
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            opener.open(file);
            return file;
        }, outcome -> {
            if (outcome instanceof Outcome.Done<Path> done) {
                notice.accept("Opened " + done.value() + " in the browser");
            } else if (outcome instanceof Outcome.Failed<Path> failed) {
                context.problems().report(failed.error() instanceof ReportOpener.NoBrowser none
                        ? new org.xmodal.app.shell.Problem("Could not open " + file.getFileName(), none.getMessage()
                        + ".", "Open " + file.toUri() + " in a web browser yourself: it is one self-contained page.")
                        : Problems.describe("Could not open " + file.getFileName(), failed.error()));
            }
        });
    }
}
