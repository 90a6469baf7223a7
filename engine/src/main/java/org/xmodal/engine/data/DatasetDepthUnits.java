package org.xmodal.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges the unit of a dataset's depth files together rather than one file at a time. One file's median can sit
 * inside the plausible indoor range in the wrong unit (a near wall at 1.5 m stored in tenths of millimetres reads
 * as 15 m in millimetres) while its siblings fall outside it; deciding from the median of all files' medians
 * rejects the whole set consistently, and a single file in another unit than the rest is named as such.
 */
public final class DatasetDepthUnits {
    /**
     * A file whose median is this many times above or below the dataset's is taken to be in another unit: units
     * differ by factors of 10, while the scenes of one indoor dataset rarely differ by more than 3 in median depth.
     */
    public static final double DISAGREEMENT_FACTOR = 5;

    /** One depth file's median valid depth, in metres as read with the declared unit. */
    public record FileMedian(String pairId, String location, double medianMetres) {
    }

    /** A file judged to be in the wrong unit; its pair is dropped. */
    public record Disagreement(String pairId, String location, String problem) {
    }

    private DatasetDepthUnits() {
    }

    public static List<Disagreement> judge(List<FileMedian> files, double unitsPerMetre) {
        if (files.isEmpty()) {
            return List.of();
        }
        double datasetMedian = median(files);
        List<Disagreement> out = new ArrayList<>();
        if (!plausible(datasetMedian)) {
            double stored = datasetMedian * unitsPerMetre;
            String problem = String.format(Locale.ROOT, "the dataset's %d depth file(s) have a median depth of %.3g m "
                            + "with %s units per metre, which looks like the wrong unit (indoor depth is 0.1 to 20 m); "
                            + "their stored median is %.0f, so the files are probably in %s", files.size(),
                    datasetMedian, fmt(unitsPerMetre), stored, DepthChecks.guessUnit(stored));
            for (FileMedian f : files) {
                out.add(new Disagreement(f.pairId(), f.location(), problem));
            }
            return out;
        }
        for (FileMedian f : files) {
            double ratio = f.medianMetres() / datasetMedian;
            if (!plausible(f.medianMetres()) || ratio > DISAGREEMENT_FACTOR || ratio < 1 / DISAGREEMENT_FACTOR) {
                out.add(new Disagreement(f.pairId(), f.location(), String.format(Locale.ROOT,
                        "median depth is %.3g m while the dataset's depth files have a median of %.3g m (%s units "
                                + "per metre): this file looks like the wrong unit, probably %s, unlike the rest",
                        f.medianMetres(), datasetMedian, fmt(unitsPerMetre), unitName(unitsPerMetre * ratio))));
            }
        }
        return out;
    }

    private static boolean plausible(double metres) {
        return metres >= DepthChecks.MIN_PLAUSIBLE_MEDIAN_METRES && metres <= DepthChecks.MAX_PLAUSIBLE_MEDIAN_METRES;
    }

    private static double median(List<FileMedian> files) {
        double[] m = files.stream().mapToDouble(FileMedian::medianMetres).sorted().toArray();
        int n = m.length;
        return n % 2 == 1 ? m[n / 2] : (m[n / 2 - 1] + m[n / 2]) / 2;
    }

    /** The usual unit nearest (in orders of magnitude) to {@code unitsPerMetre}. */
    static String unitName(double unitsPerMetre) {
        double[] units = {1, 100, 1000, 10000};
        String[] names = {"metres (1 unit per metre)", "centimetres (100 units per metre)",
                "millimetres (1000 units per metre)", "tenths of millimetres (10000 units per metre, as NYU's PNGs)"};
        int best = 0;
        for (int i = 1; i < units.length; i++) {
            if (Math.abs(Math.log10(unitsPerMetre / units[i])) < Math.abs(Math.log10(unitsPerMetre / units[best]))) {
                best = i;
            }
        }
        return names[best];
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
