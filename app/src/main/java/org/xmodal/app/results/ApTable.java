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
import org.xmodal.engine.experiment.RobustArm;

/**
 * The per-class table of an experiment: classes as rows and arms as columns, each cell the class's value of the
 * experiment's metric (AP for Table 1, accuracy for SOCKET and robust distillation) as mean ± std over seeds; a row of
 * the main metric (mAP, accuracy) and a row of each arm's gain over its baseline arm (no init for Table 1,
 * source-only for SOCKET: the first arm of the summary; for the robust experiment's {@code <arm>@<level>} arms, ce at
 * the same corruption level); the best arm of each row (of each level's arms for the robust experiment: arms are
 * compared at the same corruption). Sorting moves the class rows only, the main metric's and gain rows stay at the
 * bottom. Values are fractions; text is in percent.
 */
public final class ApTable {
    /** The arm gains of a Table 1 experiment are measured from. */
    public static final String BASELINE = Table1Arm.NO_INIT.name();
    /** The name of the first column, for sorting by class name. */
    public static final String CLASS_COLUMN = "class";
    /** The baseline of a robust experiment's arms, as the table names it. */
    public static final String ROBUST_BASELINE = RobustArm.CE.name() + " at the same level";

    /**
     * The arm an experiment's gains are measured from: no init in Table 1 (none when it lacks that arm), else the
     * summary's first arm (SOCKET's source-only).
     */
    public static String baselineOf(ExperimentSummary summary) {
        if (levels(summary) != null) {
            return ROBUST_BASELINE;
        }
        return ExperimentSummary.TABLE1.equals(summary.experiment()) || summary.arms().isEmpty() ? BASELINE
                : summary.arms().keySet().iterator().next();
    }

    /**
     * Each arm's corruption level as its key writes it, when every arm of the summary is {@code <arm>@<level>} (the
     * robust experiment's, CONTRACT); else null.
     */
    static Map<String, String> levels(ExperimentSummary summary) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : summary.arms().keySet()) {
            try {
                out.put(key, RobustArm.level(RobustArm.Key.parse(key).level()));
            } catch (IllegalArgumentException e) { // not <arm>@<level>, or the level not a number
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The arm each arm's gain is measured from (none for a baseline itself, or without one in the summary). */
    private static Map<String, String> baselines(ExperimentSummary summary) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> levels = levels(summary);
        if (levels != null) {
            Map<String, String> ceAt = new LinkedHashMap<>();
            levels.forEach((arm, level) -> {
                if (RobustArm.Key.parse(arm).arm().equals(RobustArm.CE.name())) {
                    ceAt.putIfAbsent(level, arm);
                }
            });
            levels.forEach((arm, level) -> {
                String base = ceAt.get(level);
                if (base != null && !arm.equals(base)) {
                    out.put(arm, base);
                }
            });
            return out;
        }
        String base = baselineOf(summary);
        if (summary.arms().containsKey(base)) {
            summary.arms().keySet().stream().filter(a -> !a.equals(base)).forEach(a -> out.put(a, base));
        }
        return out;
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
    private final Map<String, String> baselines;

    private ApTable(List<String> arms, List<Row> classRows, Row mapRow, Row gainRow, String baseline,
                    Map<String, String> baselines) {
        this.baseline = baseline;
        this.baselines = Map.copyOf(baselines);
        this.arms = List.copyOf(arms);
        this.classRows = List.copyOf(classRows);
        this.mapRow = mapRow;
        this.gainRow = gainRow;
    }

    /** The table of a summary; {@code classes} gives the rows' order, classes without any AP included. */
    public static ApTable of(ExperimentSummary summary, List<String> classes) {
        List<String> arms = List.copyOf(summary.arms().keySet());
        // the arms that are compared with each other: a robust experiment's at the same level, else all
        Map<String, String> levels = levels(summary);
        java.util.function.Function<String, String> group = levels == null ? arm -> "" : levels::get;
        List<Row> rows = new ArrayList<>();
        for (String c : classes) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            summary.arms().forEach((arm, a) -> {
                ExperimentSummary.Stats s = a.perClass().get(c);
                if (s != null) {
                    cells.put(arm, new Cell(s.mean(), s.std(), false));
                }
            });
            rows.add(new Row(Kind.CLASS, c, cells, best(cells, group)));
        }
        Map<String, Cell> maps = new LinkedHashMap<>();
        summary.arms().forEach((arm, a) -> maps.put(arm, new Cell(a.score().mean(), a.score().std(), false)));
        Row map = new Row(Kind.MAP, summary.metric(), maps, best(maps, group));
        Row gain = null;
        String baseline = baselineOf(summary);
        Map<String, String> baselines = baselines(summary);
        if (!baselines.isEmpty()) {
            Map<String, Cell> gains = new LinkedHashMap<>();
            maps.forEach((arm, m) -> {
                String base = baselines.get(arm);
                if (base != null) {
                    gains.put(arm, new Cell(m.mean() - maps.get(base).mean(), Double.NaN, true));
                }
            });
            gain = new Row(Kind.GAIN, "gain over " + baseline, gains, Set.of());
        }
        return new ApTable(arms, rows, map, gain, baseline, baselines);
    }

    /** The best arms of a row: of each group of arms compared with each other. */
    private static Set<String> best(Map<String, Cell> cells, java.util.function.Function<String, String> group) {
        Map<String, Map<String, Cell>> groups = new LinkedHashMap<>();
        cells.forEach((arm, c) -> groups.computeIfAbsent(group.apply(arm), g -> new LinkedHashMap<>()).put(arm, c));
        Set<String> best = new LinkedHashSet<>();
        groups.values().forEach(g -> best.addAll(best(g)));
        return best;
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

    /** The arm gains are measured from, as the table names it ("ce at the same level" for a robust experiment). */
    public String baseline() {
        return baseline;
    }

    /** Whether an arm is one that others' gains are measured from (it keeps its value when gains are shown). */
    public boolean isBaseline(String arm) {
        return arms.contains(arm) && !baselines.containsKey(arm) && baselines.containsValue(arm);
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
        Map<String, Cell> cells = new LinkedHashMap<>();
        r.cells().forEach((arm, c) -> {
            String baseArm = baselines.get(arm);
            Cell base = baseArm == null ? null : r.cells().get(baseArm);
            if (baseArm == null) {
                cells.put(arm, c); // a baseline keeps its value, the reference
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
