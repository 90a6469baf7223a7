package org.xmodal.viz.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xmodal.engine.experiment.ArmComparison;
import org.xmodal.engine.experiment.ExperimentReport;
import org.xmodal.engine.experiment.ExperimentReportWriter;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.viz.charts.ApCharts;
import org.xmodal.viz.charts.ChartFiles;
import org.xmodal.viz.charts.CorruptionCharts;

/**
 * {@code report.html} of any experiment, one self-contained page: the table (arms by classes, mean ± std, the gain
 * over the baseline arm), each seed's value, the paper's comparisons with their verdicts, a bar chart of the main
 * metric per arm and of each class per arm, notes and runs. The charts are also written as SVG and PNG to
 * {@code charts/}. Found by the engine through {@link java.util.ServiceLoader}; Table 1's report adds its
 * precision-recall curves to the same page.
 */
public final class ExperimentHtmlReport implements ExperimentReportWriter {
    public static final String FILE = "report.html";

    @Override
    public List<Path> write(ExperimentReport report, Path dir) throws IOException {
        if (CorruptionCharts.applies(report.summary())) {
            String chart = ChartFiles.write(CorruptionCharts.accuracyAgainstCorruption(report.summary()), 820, 440,
                    dir.resolve("charts"), "accuracy-against-corruption");
            return write(report, dir, "<h2>Accuracy against corruption</h2>\n" + chart + "\n",
                    List.of(dir.resolve("charts").resolve("accuracy-against-corruption.svg")));
        }
        return write(report, dir, "", List.of());
    }

    /**
     * @param extraHtml   sections added after the charts (already escaped)
     * @param extraFiles  the files those sections were drawn to
     */
    static List<Path> write(ExperimentReport r, Path dir, String extraHtml, List<Path> extraFiles)
            throws IOException {
        Path charts = dir.resolve("charts");
        ExperimentSummary sum = r.summary();
        List<Path> files = new ArrayList<>();
        String main = sum.metric().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String perClass = ApCharts.classMetric(sum).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String mainChart = ChartFiles.write(ApCharts.mapPerArm(sum), 720, 360, charts, main + "-per-arm");
        String classChart = ChartFiles.write(ApCharts.apPerClass(sum, r.classes()), 1100, 460, charts,
                perClass + "-per-class");
        files.add(charts.resolve(main + "-per-arm.svg"));
        files.add(charts.resolve(perClass + "-per-class.svg"));
        files.addAll(extraFiles);
        String html = page(r, mainChart, classChart, extraHtml);
        Path file = dir.resolve(FILE);
        Path tmp = Files.createTempFile(dir, "." + FILE, ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        files.add(0, file);
        return files;
    }

    private static String page(ExperimentReport r, String mainChart, String classChart, String extra) {
        ExperimentSummary sum = r.summary();
        String metric = sum.metric();
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>").append(esc(r.title())).append("</title><style>body{font-family:sans-serif;margin:2em;"
                + "color:#222}table{border-collapse:collapse;font-size:13px;margin-bottom:1em}td,th{border:1px solid "
                + "#ccc;padding:3px 6px;text-align:right}td:first-child,th:first-child,td:nth-child(2){text-align:"
                + "left}.bad{color:#b00}.good{color:#070}.weak{color:#a60}figure{display:inline-block;margin:4px}"
                + "</style></head><body>\n");
        h.append("<h1>").append(esc(r.title())).append("</h1>\n<p>").append(esc(r.intro())).append("</p>\n");
        h.append("<table><tr><th>arm</th><th></th><th>").append(esc(metric)).append("</th><th>gain over ")
                .append(esc(r.baseline())).append("</th>");
        r.classes().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        ExperimentSummary.Arm base = sum.arms().get(r.baseline());
        sum.arms().forEach((name, a) -> {
            h.append("<tr><td>").append(esc(name)).append("</td><td>")
                    .append(esc(r.labels().getOrDefault(name, ""))).append("</td><td><b>")
                    .append(pm(a.score().mean(), a.score().std())).append("</b></td><td>");
            h.append(base == null || name.equals(r.baseline()) ? "–"
                    : String.format(Locale.ROOT, "%+.1f", 100 * (a.score().mean() - base.score().mean())));
            h.append("</td>");
            for (String c : r.classes()) {
                ExperimentSummary.Stats s = a.perClass().get(c);
                h.append("<td>").append(s == null ? "–" : pm(s.mean(), s.std())).append("</td>");
            }
            h.append("</tr>\n");
        });
        h.append("</table>\n<table><tr><th>arm</th>");
        r.seeds().forEach(s -> h.append("<th>seed ").append(s).append("</th>"));
        h.append("</tr>\n");
        sum.arms().forEach((name, a) -> {
            h.append("<tr><td>").append(esc(name)).append("</td>");
            a.score().seeds().forEach(v -> h.append(String.format(Locale.ROOT, "<td>%.1f</td>", 100 * v)));
            h.append("</tr>\n");
        });
        h.append("</table>\n<h2>The paper's comparisons</h2><ul>\n");
        for (ArmComparison c : r.comparisons()) {
            String css = switch (c.verdict()) {
                case HOLDS -> "good";
                case HOLDS_ON_MEAN_ONLY -> "weak";
                case DOES_NOT_HOLD -> "bad";
            };
            h.append("<li class=\"").append(css).append("\">").append(esc(c.text())).append("</li>\n");
        }
        h.append("</ul>\n<h2>").append(esc(metric)).append(" per arm</h2>\n").append(mainChart).append("\n<h2>")
                .append(esc(ApCharts.classMetric(sum))).append(" per class</h2>\n").append(classChart).append('\n')
                .append(extra);
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Runs</h2><ul>");
        r.runs().forEach((arm, ids) -> h.append("<li>").append(esc(arm)).append(": ")
                .append(esc(String.join(", ", ids))).append("</li>"));
        return h.append("</ul>\n</body></html>\n").toString();
    }

    static String pm(double mean, double std) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
