package org.xmodal.app.results;

import java.util.List;
import java.util.Locale;

/**
 * The AP table as text for other programs: CSV (numbers in percent, a mean and a std column per arm, the best arms
 * named) and LaTeX (booktabs, AP in percent as mean $\pm$ std, the best of each row in bold). Rows in the order
 * given, which is the order shown.
 */
public final class TableExport {
    private TableExport() {
    }

    /**
     * {@code class,<arm>,<arm> std,...,best}: AP in percent with two decimals, empty without a value; {@code best}
     * lists the row's best arms separated by spaces; a gain row has the gain in the mean column and no std.
     */
    public static String csv(List<String> arms, List<ApTable.Row> rows) {
        StringBuilder s = new StringBuilder(field(ApTable.CLASS_COLUMN));
        for (String arm : arms) {
            s.append(',').append(field(arm)).append(',').append(field(arm + " std"));
        }
        s.append(",best\n");
        for (ApTable.Row r : rows) {
            s.append(field(r.label()));
            for (String arm : arms) {
                ApTable.Cell c = r.cells().get(arm);
                s.append(',').append(c == null ? "" : percent(c.mean(), 2)).append(',')
                        .append(c == null || c.gain() ? "" : percent(c.std(), 2));
            }
            s.append(',').append(field(String.join(" ", r.best()))).append('\n');
        }
        return s.toString();
    }

    /**
     * A booktabs {@code tabular}: a header, the class rows, a rule, the mAP (and gain) rows; the best cell of each
     * row in {@code \textbf}; "--" for no value, with a comment naming the classes without ground truth.
     *
     * @param description one line saying what the numbers are (task, dataset, seeds), written as a comment
     */
    public static String latex(List<String> arms, List<ApTable.Row> rows, String description) {
        StringBuilder s = new StringBuilder("% ").append(description.replace('\n', ' ')).append('\n');
        s.append("% AP in percent on the test pairs, mean $\\pm$ std over seeds; best per row in bold. Needs "
                + "\\usepackage{booktabs}.\n");
        s.append("\\begin{tabular}{l").append("r".repeat(arms.size())).append("}\n\\toprule\n");
        s.append(ApTable.CLASS_COLUMN);
        for (String arm : arms) {
            s.append(" & ").append(escape(arm));
        }
        s.append(" \\\\\n\\midrule\n");
        boolean ruled = false;
        List<String> withoutTruth = new java.util.ArrayList<>();
        for (ApTable.Row r : rows) {
            if (r.kind() != ApTable.Kind.CLASS && !ruled) {
                s.append("\\midrule\n");
                ruled = true;
            }
            if (r.kind() == ApTable.Kind.CLASS && r.cells().isEmpty()) {
                withoutTruth.add(r.label());
            }
            s.append(escape(r.label()));
            for (String arm : arms) {
                ApTable.Cell c = r.cells().get(arm);
                String text = c == null ? "--" : c.gain() ? "$" + ApTable.signedPoints(c.mean(), 1) + "$"
                        : percent(c.mean(), 1) + " $\\pm$ " + percent(c.std(), 1);
                s.append(" & ").append(r.best().contains(arm) ? "\\textbf{" + text + "}" : text);
            }
            s.append(" \\\\\n");
        }
        s.append("\\bottomrule\n\\end{tabular}\n");
        if (!withoutTruth.isEmpty()) {
            s.append("% --: no ground truth in the test pairs (").append(String.join(", ", withoutTruth))
                    .append("): no AP, not in the mean\n");
        }
        return s.toString();
    }

    private static String percent(double fraction, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", 100 * fraction);
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
    static String field(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** LaTeX's special characters in text. */
    static String escape(String v) {
        StringBuilder s = new StringBuilder();
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '\\' -> s.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> s.append('\\').append(ch);
                case '~' -> s.append("\\textasciitilde{}");
                case '^' -> s.append("\\textasciicircum{}");
                default -> s.append(ch);
            }
        }
        return s.toString();
    }
}
