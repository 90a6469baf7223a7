package org.xmodal.viz.charts;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** A chart drawn headlessly, as SVG markup (for HTML and files) and as PNG. */
public final class ChartFiles {
    private ChartFiles() {
    }

    /** The chart as an {@code <svg>} element of the given size in pixels. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement();
    }

    /** Writes the chart to a PNG file of the given size in pixels. */
    public static void writePng(JFreeChart chart, int width, int height, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        }
    }

    /** Writes the chart to a standalone SVG file of the given size in pixels. */
    public static void writeSvg(JFreeChart chart, int width, int height, Path file) throws IOException {
        Files.writeString(file, "<?xml version=\"1.0\"?>\n" + svg(chart, width, height), StandardCharsets.UTF_8);
    }

    /** Writes {@code <name>.svg} and {@code <name>.png} into {@code dir}; returns the SVG markup. */
    public static String write(JFreeChart chart, int width, int height, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        String svg = svg(chart, width, height);
        Files.writeString(dir.resolve(name + ".svg"), "<?xml version=\"1.0\"?>\n" + svg, StandardCharsets.UTF_8);
        writePng(chart, width, height, dir.resolve(name + ".png"));
        return svg;
    }
}
