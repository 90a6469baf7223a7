package org.xmodal.viz.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.eval.PrCurve;
import org.xmodal.engine.experiment.Table1Arm;
import org.xmodal.engine.experiment.Table1Comparison;
import org.xmodal.engine.experiment.Table1ReportWriter;
import org.xmodal.engine.experiment.Table1Results;
import org.xmodal.engine.experiment.Table1Summary;
import org.xmodal.viz.charts.ApCharts;
import org.xmodal.viz.charts.ChartFiles;
import org.xmodal.viz.charts.PrCurveCharts;

/**
 * {@code report.html} of a Table 1 experiment, one self-contained page: the table (arms by classes, mean ± std),
 * the paper's comparisons, a bar chart of mAP per arm, AP per class and arm, and each class's precision-recall
 * curves (the first seed's run of every arm). The charts are also written as SVG and PNG to {@code charts/}.
 * Found by the engine through {@link java.util.ServiceLoader}.
 */
public final class Table1HtmlReport implements Table1ReportWriter {
    public static final String FILE = "report.html";
    private static final int PR_SIZE = 300;

    @Override
    public List<Path> write(Table1Results r, Path dir) throws IOException {
        Path charts = dir.resolve("charts");
        List<Path> files = new ArrayList<>();
        Table1Summary sum = r.summary();
        List<String> classes = r.classes().stream().filter(c -> !r.withoutTruth().contains(c)).toList();
        String mapChart = ChartFiles.write(ApCharts.mapPerArm(sum), 720, 360, charts, "map-per-arm");
        String classChart = ChartFiles.write(ApCharts.apPerClass(sum, classes), 1100, 460, charts, "ap-per-class");
        files.add(charts.resolve("map-per-arm.svg"));
        files.add(charts.resolve("ap-per-class.svg"));
        StringBuilder pr = new StringBuilder();
        for (String c : classes) {
            Map<String, PrCurve> curves = new LinkedHashMap<>();
            r.perSeed().forEach((arm, results) -> {
                DetectionResult first = results.get(0);
                curves.put(arm, first.curves().getOrDefault(c, PrCurve.EMPTY));
            });
            String name = "pr-" + c.replaceAll("[^a-zA-Z0-9-]", "_");
            pr.append("<figure>").append(ChartFiles.write(PrCurveCharts.forClass(c, curves), PR_SIZE + 80, PR_SIZE,
                    charts, name)).append("</figure>\n");
            files.add(charts.resolve(name + ".svg"));
        }
        String html = page(r, classes, mapChart, classChart, pr.toString());
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

    private static String page(Table1Results r, List<String> classes, String mapChart, String classChart,
                               String prCharts) {
        Table1Summary sum = r.summary();
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Table 1</title><style>body{font-family:sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;"
                + "text-align:right}td:first-child,th:first-child,td:nth-child(2){text-align:left}"
                + ".bad{color:#b00}.good{color:#070}.weak{color:#a60}figure{display:inline-block;margin:4px}</style></head><body>\n");
        h.append("<h1>Table 1: initialisations for ").append(esc(sum.task())).append(" with few labels</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>Dataset <code>%s</code>, preset <b>%s</b>, %d seed%s (%s). AP on the "
                        + "test pairs in percent, mean ± sample standard deviation over seeds.</p>%n", esc(sum.dataset()),
                esc(sum.preset()), r.seeds().size(), r.seeds().size() == 1 ? "" : "s",
                String.join(", ", r.seeds().stream().map(String::valueOf).toList())));
        h.append("<table><tr><th>arm</th><th></th><th>mAP</th><th>gain over no init</th>");
        classes.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        Table1Summary.Arm base = sum.arms().get(Table1Arm.NO_INIT.name());
        sum.arms().forEach((name, a) -> {
            h.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(Table1Results.arm(name).label()))
                    .append("</td><td><b>").append(pm(a.mAP().mean(), a.mAP().std())).append("</b></td><td>");
            h.append(base == null || name.equals(Table1Arm.NO_INIT.name()) ? "–"
                    : String.format(Locale.ROOT, "%+.1f", 100 * (a.mAP().mean() - base.mAP().mean())));
            h.append("</td>");
            for (String c : classes) {
                Table1Summary.Stats s = a.perClass().get(c);
                h.append("<td>").append(s == null ? "–" : pm(s.mean(), s.std())).append("</td>");
            }
            h.append("</tr>\n");
        });
        h.append("</table>\n<h2>The paper's comparisons</h2><ul>\n");
        for (Table1Comparison c : Table1Comparison.of(sum)) {
            String css = switch (c.verdict()) {
                case HOLDS -> "good";
                case HOLDS_ON_MEAN_ONLY -> "weak";
                case DOES_NOT_HOLD -> "bad";
            };
            h.append("<li class=\"").append(css).append("\">").append(esc(c.text())).append("</li>\n");
        }
        h.append("</ul>\n<h2>mAP per arm</h2>\n").append(mapChart).append("\n<h2>AP per class</h2>\n")
                .append(classChart).append("\n<h2>Precision-recall curves (seed ").append(r.seeds().get(0))
                .append(")</h2>\n").append(prCharts);
        if (!r.withoutTruth().isEmpty()) {
            h.append("<p>Classes without ground truth in the test pairs (no AP): ")
                    .append(esc(String.join(", ", r.withoutTruth()))).append(".</p>\n");
        }
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

    private static String pm(double mean, double std) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
