package org.xmodal.app.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xmodal.engine.experiment.Table1Arm;
import org.xmodal.engine.experiment.ExperimentSummary;

/**
 * The per-class table of an experiment: classes as rows and arms as columns, each cell the class's value of the
 * experiment's metric (AP for Table 1, accuracy for SOCKET) as mean ± std over seeds; a row of the main metric (mAP,
 * accuracy) and a row of each arm's gain over the baseline arm (no init for Table 1, source-only for SOCKET: the
 * first arm of the summary); the best arm of each row. Sorting moves the class rows only, the main metric's and gain
 * rows stay at the bottom. Values are fractions; text is in percent.
 */
public final class ApTable {
    /** The arm gains of a Table 1 experiment are measured from. */
    public static final String BASELINE = Table1Arm.NO_INIT.name();
    /** The name of the first column, for sorting by class name. */
    public static final String CLASS_COLUMN = "class";

    /**
     * The arm an experiment's gains are measured from: no init in Table 1 (none when it lacks that arm), else the
     * summary's first arm (SOCKET's source-only).
     */
    public static String baselineOf(ExperimentSummary summary) {
        return ExperimentSummary.TABLE1.equals(summary.experiment()) || summary.arms().isEmpty() ? BASELINE
                : summary.arms().keySet().iterator().next();
    }

    public enum Kind { CLASS, MAP, GAIN }

    /** A cell: AP mean and std over seeds, or (for {@code gain}) the difference from the baseline's mean. */
    public record Cell(double mean, double std, boolean gain) {
        /** "31.2 ± 1.4", or "+3.2" for a gain, in percent. */
        public String text() {
            return gain ? signedPoints(mean, 1) : String.format(Locale.ROOT, "%.1f \u00b1 %.1f", 100 * mean, 100 * std);
        }
    }

    /**
     * A row.
     *
     * @param cells by arm; an arm without a value (no ground truth, or the baseline in a gain row) has none
     * @param best  the arms with the highest AP in the row (ties all marked); empty with fewer than two values or
     *              when every arm has the same
     */
    public record Row(Kind kind, String label, Map<String, Cell> cells, Set<String> best) {
        public Row {
            cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
            best = Collections.unmodifiableSet(new LinkedHashSet<>(best));
        }

        public Optional<Cell> cell(String arm) {
            return Optional.ofNullable(cells.get(arm));
        }

        /** The cell's text, "–" when it has no value. */
        public String text(String arm) {
            return cell(arm).map(Cell::text).orElse(MISSING);
        }
    }

    /** A sort: by {@link #CLASS_COLUMN} or an arm's column. */
    public record Sort(String column, boolean ascending) {
    }

    public static final String MISSING = "\u2013";

    /** A difference of fractions in percentage points with its sign, "0.0" (no sign) when it rounds to nothing. */
    static String signedPoints(double fraction, int decimals) {
        String zero = String.format(Locale.ROOT, "%." + decimals + "f", 0.0);
        String s = String.format(Locale.ROOT, "%+." + decimals + "f", 100 * fraction);
        return s.substring(1).equals(zero) ? zero : s;
    }

    private final List<String> arms;
    private final List<Row> classRows;
    private final Row mapRow;
    private final Row gainRow;
    private final String baseline;

    private ApTable(List<String> arms, List<Row> classRows, Row mapRow, Row gainRow, String baseline) {
        this.baseline = baseline;
        this.arms = List.copyOf(arms);
        this.classRows = List.copyOf(classRows);
        this.mapRow = mapRow;
        this.gainRow = gainRow;
    }

    /** The table of a summary; {@code classes} gives the rows' order, classes without any AP included. */
    public static ApTable of(ExperimentSummary summary, List<String> classes) {
        List<String> arms = List.copyOf(summary.arms().keySet());
        List<Row> rows = new ArrayList<>();
        for (String c : classes) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            summary.arms().forEach((arm, a) -> {
                ExperimentSummary.Stats s = a.perClass().get(c);
                if (s != null) {
                    cells.put(arm, new Cell(s.mean(), s.std(), false));
                }
            });
            rows.add(new Row(Kind.CLASS, c, cells, best(cells)));
        }
        Map<String, Cell> maps = new LinkedHashMap<>();
        summary.arms().forEach((arm, a) -> maps.put(arm, new Cell(a.score().mean(), a.score().std(), false)));
        Row map = new Row(Kind.MAP, summary.metric(), maps, best(maps));
        Row gain = null;
        String baseline = baselineOf(summary);
        Cell base = maps.get(baseline);
        if (base != null) {
            Map<String, Cell> gains = new LinkedHashMap<>();
            maps.forEach((arm, m) -> {
                if (!arm.equals(baseline)) {
                    gains.put(arm, new Cell(m.mean() - base.mean(), Double.NaN, true));
                }
            });
            gain = new Row(Kind.GAIN, "gain over " + baseline, gains, Set.of());
        }
        return new ApTable(arms, rows, map, gain, baseline);
    }

    private static Set<String> best(Map<String, Cell> cells) {
        if (cells.size() < 2) {
            return Set.of();
        }
        double max = cells.values().stream().mapToDouble(Cell::mean).max().orElseThrow();
        Set<String> best = new LinkedHashSet<>();
        cells.forEach((arm, c) -> {
            if (c.mean() >= max - 1e-12) {
                best.add(arm);
            }
        });
        // every arm alike (all 0 for a class nothing detects): no arm is better
        return best.size() == cells.size() ? Set.of() : best;
    }

    public List<String> arms() {
        return arms;
    }

    /** The arm gains are measured from. */
    public String baseline() {
        return baseline;
    }

    /** Whether the table has its baseline arm, so gains can be shown. */
    public boolean hasBaseline() {
        return gainRow != null;
    }

    /**
     * The rows as shown: the class rows (sorted if asked), then the mAP row, then the gain row. With {@code gains},
     * every arm's cell but the baseline's shows its gain over the baseline in that row (the baseline keeps its AP
     * for reference), and the gain row, then redundant, is left out; the best arms stay those of the AP.
     *
     * @param sort null for the classes' own order
     */
    public List<Row> rows(Sort sort, boolean gains) {
        boolean asGains = gains && hasBaseline();
        List<Row> classes = new ArrayList<>(classRows.stream().map(r -> asGains ? asGains(r) : r).toList());
        if (sort != null) {
            classes.sort(comparator(sort));
        }
        List<Row> out = new ArrayList<>(classes);
        out.add(asGains ? asGains(mapRow) : mapRow);
        if (gainRow != null && !asGains) {
            out.add(gainRow);
        }
        return out;
    }

    private Row asGains(Row r) {
        Cell base = r.cells().get(baseline);
        Map<String, Cell> cells = new LinkedHashMap<>();
        r.cells().forEach((arm, c) -> {
            if (arm.equals(baseline)) {
                cells.put(arm, c);
            } else if (base != null) {
                cells.put(arm, new Cell(c.mean() - base.mean(), Double.NaN, true));
            }
        });
        return new Row(r.kind(), r.label(), cells, r.best());
    }

    private Comparator<Row> comparator(Sort sort) {
        if (sort.column().equals(CLASS_COLUMN)) {
            Comparator<Row> byName = Comparator.comparing(r -> r.label().toLowerCase(Locale.ROOT));
            return sort.ascending() ? byName : byName.reversed();
        }
        if (!arms.contains(sort.column())) {
            throw new IllegalArgumentException("no column " + sort.column() + "; columns: class, " + arms);
        }
        // rows without a value go last whichever the direction
        return (a, b) -> {
            Optional<Cell> x = a.cell(sort.column());
            Optional<Cell> y = b.cell(sort.column());
            if (x.isEmpty() || y.isEmpty()) {
                return Boolean.compare(x.isEmpty(), y.isEmpty());
            }
            int c = Double.compare(x.get().mean(), y.get().mean());
            return sort.ascending() ? c : -c;
        };
    }
}
