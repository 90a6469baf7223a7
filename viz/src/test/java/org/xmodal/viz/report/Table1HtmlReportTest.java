package org.xmodal.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.eval.PrCurve;
import org.xmodal.engine.experiment.Table1Arm;
import org.xmodal.engine.experiment.Table1ReportWriter;
import org.xmodal.engine.experiment.Table1Results;
import org.xmodal.engine.experiment.ExperimentSummary;

/** The experiment's report: found by the engine, one HTML page with the table and the charts, charts as files. */
class Table1HtmlReportTest {
    private static final List<String> CLASSES = List.of("bed", "chair", "toilet");

    private static Table1Results results() {
        Map<String, List<DetectionResult>> perSeed = new LinkedHashMap<>();
        Map<String, List<String>> runs = new LinkedHashMap<>();
        double shift = 0;
        for (Table1Arm arm : Table1Arm.ALL) {
            List<DetectionResult> seeds = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                Map<String, Double> ap = new LinkedHashMap<>();
                ap.put("bed", 0.2 + shift + 0.01 * s);
                ap.put("chair", 0.4 + shift);
                ap.put("toilet", Double.NaN);
                Map<String, PrCurve> curves = new LinkedHashMap<>();
                curves.put("bed", new PrCurve(new double[] {0, 0.5, 0.5, 1}, new double[] {1, 1, 0.5, 0.4}));
                curves.put("chair", new PrCurve(new double[] {0.25, 0.5}, new double[] {1, 0.6}));
                curves.put("toilet", PrCurve.EMPTY);
                seeds.add(new DetectionResult(ap, (ap.get("bed") + ap.get("chair")) / 2, curves));
            }
            perSeed.put(arm.name(), seeds);
            runs.put(arm.name(), List.of("run-a", "run-b"));
            shift += 0.03;
        }
        ExperimentSummary summary = Table1Results.summarise(perSeed, CLASSES, "detection", "rooms", "cpu-demo");
        return new Table1Results(summary, CLASSES, List.of(1L, 2L), perSeed, runs, List.of("toilet"),
                List.of("a note & <markup>"));
    }

    @Test
    void engineFindsTheReportWriterThroughServiceLoader() {
        List<Table1ReportWriter> writers = new ArrayList<>();
        ServiceLoader.load(Table1ReportWriter.class).forEach(writers::add);
        assertEquals(1, writers.size());
        assertTrue(writers.get(0) instanceof Table1HtmlReport);
    }

    @Test
    void reportHasTheTableTheChartsAndEscapedNotes(@TempDir Path dir) throws Exception {
        List<Path> files = new Table1HtmlReport().write(results(), dir);
        Path html = dir.resolve(Table1HtmlReport.FILE);
        assertEquals(html, files.get(0));
        String page = Files.readString(html);
        assertTrue(page.contains("<svg"), "charts are inline SVG");
        assertTrue(page.contains("rgb+transfer"));
        assertTrue(page.contains("a note &amp; &lt;markup&gt;"), "text is escaped");
        for (String chart : List.of("map-per-arm", "ap-per-class", "pr-bed", "pr-chair")) {
            assertTrue(Files.size(dir.resolve("charts").resolve(chart + ".svg")) > 1000, chart + ".svg");
            byte[] png = Files.readAllBytes(dir.resolve("charts").resolve(chart + ".png"));
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', chart + ".png");
        }
        assertTrue(!Files.exists(dir.resolve("charts").resolve("pr-toilet.svg")), "no curve without ground truth");
    }
}
