package org.xmodal.app.runs;

import java.util.Arrays;

/** One measured quantity of a run over its steps (train loss, test accuracy, images/s), growing as it streams. */
public final class MetricSeries {
    private final String split;
    private final String name;
    private double[] steps = new double[64];
    private double[] values = new double[64];
    private int size;

    public MetricSeries(String split, String name) {
        this.split = split;
        this.name = name;
    }

    public String split() {
        return split;
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public void add(double step, double value) {
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        steps[size] = step;
        values[size] = value;
        size++;
    }

    /** A copy of the steps. */
    public double[] steps() {
        return Arrays.copyOf(steps, size);
    }

    public double[] values() {
        return Arrays.copyOf(values, size);
    }

    public double lastValue() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    void clear() {
        size = 0;
    }
}
