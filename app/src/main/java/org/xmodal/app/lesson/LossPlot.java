package org.xmodal.app.lesson;

import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A run's loss against its step, drawn large and plain for a projector: one line, the first and the latest value
 * written beside it, the axes labelled. Light enough to redraw at every look at the run.
 */
final class LossPlot extends Region {
    private final Canvas canvas = new Canvas();
    private SortedMap<Long, Double> loss = new TreeMap<>();
    private long total = 1;
    private String title = "Loss";

    LossPlot(String id, long steps) {
        this.total = steps;
        setId(id);
        getStyleClass().add("lesson-loss");
        getChildren().add(canvas);
        setMinSize(0, 0);
        setPrefSize(420, 260);
        // drawn again when it moves between the window and presenter mode (light or dark)
        parentProperty().addListener(o -> draw());
        sceneProperty().addListener(o -> draw());
        widthProperty().addListener(o -> draw());
        heightProperty().addListener(o -> draw());
    }

    void show(SortedMap<Long, Double> values, long steps, String caption) {
        loss = new TreeMap<>(values);
        total = Math.max(1, steps);
        title = caption;
        draw();
    }

    SortedMap<Long, Double> values() {
        return loss;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < 40 || h < 40) {
            return;
        }
        double font = Math.max(11, Math.min(18, h / 14));
        g.setFont(Font.font(font));
        Color ink = Color.web("#f0f0f0");
        boolean dark = false;
        for (javafx.scene.Parent p = getParent(); p != null; p = p.getParent()) {
            dark |= p.getStyleClass().contains("presenter");
        }
        if (!dark) {
            ink = Color.web("#202020");
        }
        double left = font * 5.5;
        double top = font * 2;
        double right = w - font;
        double bottom = h - font * 2.2;
        g.setFill(ink);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(title, left, 2, Math.max(10, right - left));
        g.setStroke(ink);
        g.setLineWidth(1);
        g.strokeLine(left, top, left, bottom);
        g.strokeLine(left, bottom, right, bottom);
        g.setTextBaseline(VPos.TOP);
        g.fillText("step", right - font * 2.5, bottom + 4);
        g.fillText("0", left, bottom + 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Long.toString(total), right, bottom + font * 1.1);
        if (loss.isEmpty()) {
            return;
        }
        double max = loss.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max()
                .orElse(1);
        double min = Math.min(0, loss.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite)
                .min().orElse(0));
        double span = max > min ? max - min : 1;
        g.setTextBaseline(VPos.CENTER);
        g.fillText(String.format(Locale.ROOT, "%.3g", max), left - 6, top);
        g.fillText(String.format(Locale.ROOT, "%.3g", min), left - 6, bottom);
        g.setStroke(Color.web("#ff851b"));
        g.setLineWidth(Math.max(2, font / 6));
        g.beginPath();
        boolean first = true;
        for (var e : loss.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                continue;
            }
            double x = left + (right - left) * e.getKey() / (double) total;
            double y = bottom - (bottom - top) * (e.getValue() - min) / span;
            if (first) {
                g.moveTo(x, y);
                first = false;
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
