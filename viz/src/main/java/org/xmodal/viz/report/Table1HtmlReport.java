package org.xmodal.viz.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.eval.PrCurve;
import org.xmodal.engine.experiment.Table1Arm;
import org.xmodal.engine.experiment.ArmComparison;
import org.xmodal.engine.experiment.Table1Tables;
import org.xmodal.engine.experiment.ExperimentReport;
import org.xmodal.engine.experiment.Table1ReportWriter;
import org.xmodal.engine.experiment.Table1Results;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.viz.charts.ApCharts;
import org.xmodal.viz.charts.ChartFiles;
import org.xmodal.viz.charts.PrCurveCharts;

/**
 * {@code report.html} of a Table 1 experiment: the page every experiment has ({@link ExperimentHtmlReport}: the
 * table of arms by classes, per-seed mAPs, the paper's comparisons, mAP per arm and AP per class and arm), with each
 * class's precision-recall curves (the first seed's run of every arm) added. Found by the engine through
 * {@link java.util.ServiceLoader}.
 */
public final class Table1HtmlReport implements Table1ReportWriter {
    public static final String FILE = ExperimentHtmlReport.FILE;
    private static final int PR_SIZE = 300;

    @Override
    public List<Path> write(Table1Results r, Path dir) throws IOException {
        Path charts = dir.resolve("charts");
        List<Path> files = new ArrayList<>();
        ExperimentSummary sum = r.summary();
        List<String> classes = r.classes().stream().filter(c -> !r.withoutTruth().contains(c)).toList();
        StringBuilder pr = new StringBuilder("<h2>Precision-recall curves (seed ").append(r.seeds().get(0))
                .append(")</h2>\n");
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
        if (!r.withoutTruth().isEmpty()) {
            pr.append("<p>Classes without ground truth in the test pairs (no AP): ")
                    .append(ExperimentHtmlReport.esc(String.join(", ", r.withoutTruth()))).append(".</p>\n");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Table1Arm.ALL.forEach(a -> labels.put(a.name(), a.label()));
        String intro = String.format(Locale.ROOT, "Dataset %s, preset %s, %d seed%s (%s). AP on the test pairs in "
                        + "percent, mean ± sample standard deviation over seeds.", sum.dataset(), sum.preset(),
                r.seeds().size(), r.seeds().size() == 1 ? "" : "s",
                String.join(", ", r.seeds().stream().map(String::valueOf).toList()));
        ExperimentReport report = new ExperimentReport("Table 1: initialisations for " + sum.task()
                + " with few labels", intro, sum, classes, r.seeds(), labels, Table1Arm.NO_INIT.name(),
                ArmComparison.of(sum, Table1Tables.ORDERINGS), r.notes(), r.runs());
        return ExperimentHtmlReport.write(report, dir, pr.toString(), files);
    }
}
