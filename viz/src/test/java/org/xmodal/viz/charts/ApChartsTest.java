package org.xmodal.viz.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.experiment.ExperimentSummary;

class ApChartsTest {
    private static final ExperimentSummary SUMMARY = new ExperimentSummary(Map.of(
            "no-init", ExperimentSummary.Arm.of(ExperimentSummary.MAP, new ExperimentSummary.SeedStats(0.2, 0.01, List.of(0.2)),
                    Map.of("chair", new ExperimentSummary.Stats(0.25, 0.05))),
            "transfer", ExperimentSummary.Arm.of(ExperimentSummary.MAP, new ExperimentSummary.SeedStats(0.3, 0.02, List.of(0.3)), Map.of())),
            "detection", "rooms", "cpu-demo");

    @Test
    void aClassChartHasABarInPercentForEachArmWithAnApForTheClass() {
        JFreeChart chart = ApCharts.classPerArm(SUMMARY, "chair");
        StatisticalCategoryDataset data = (StatisticalCategoryDataset) chart.getCategoryPlot().getDataset();
        assertEquals(List.of("no-init"), data.getColumnKeys(), "transfer has no AP for chair: no bar");
        assertEquals(25.0, data.getMeanValue(0, 0).doubleValue(), 1e-9);
        assertEquals(5.0, data.getStdDevValue(0, 0).doubleValue(), 1e-9);
    }

    @Test
    void chartsAreWrittenAsPngOfTheAskedSizeAndAsStandaloneSvg(@TempDir Path dir) throws Exception {
        JFreeChart chart = ApCharts.mapPerArm(SUMMARY);
        ChartFiles.writePng(chart, 320, 200, dir.resolve("c.png"));
        BufferedImage png = ImageIO.read(dir.resolve("c.png").toFile());
        assertEquals(320, png.getWidth());
        assertEquals(200, png.getHeight());
        ChartFiles.writeSvg(chart, 320, 200, dir.resolve("c.svg"));
        String svg = Files.readString(dir.resolve("c.svg"));
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.contains("transfer"));
    }
}
