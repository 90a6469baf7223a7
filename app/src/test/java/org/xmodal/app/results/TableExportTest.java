package org.xmodal.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TableExportTest {
    @Test
    void csvHasAMeanAndAStdColumnPerArmInPercentAndNamesTheBest() {
        ApTable t = HandWrittenSummary.table();
        assertEquals("""
                class,no-init,no-init std,transfer,transfer std,rgb,rgb std,best
                bed,30.00,2.00,28.00,3.00,35.00,4.00,rgb
                chair,10.00,0.00,22.00,1.00,22.00,2.00,transfer rgb
                sink,,,,,,,
                mAP,20.00,1.00,25.00,2.00,30.00,5.00,rgb
                gain over no-init,,,5.00,,10.00,,
                """, TableExport.csv(t.arms(), t.rows(null, false)));
    }

    @Test
    void csvFollowsTheOrderShown() {
        ApTable t = HandWrittenSummary.table();
        String csv = TableExport.csv(t.arms(), t.rows(new ApTable.Sort("transfer", true), false));
        assertEquals("chair", csv.lines().skip(1).findFirst().orElseThrow().split(",")[0]);
    }

    @Test
    void latexIsABooktabsTabularWithTheBestOfEachRowInBold() {
        ApTable t = HandWrittenSummary.table();
        assertEquals("""
                % Table 1, rooms
                % AP in percent on the test pairs, mean $\\pm$ std over seeds; best per row in bold. Needs \\usepackage{booktabs}.
                \\begin{tabular}{lrrr}
                \\toprule
                class & no-init & transfer & rgb \\\\
                \\midrule
                bed & 30.0 $\\pm$ 2.0 & 28.0 $\\pm$ 3.0 & \\textbf{35.0 $\\pm$ 4.0} \\\\
                chair & 10.0 $\\pm$ 0.0 & \\textbf{22.0 $\\pm$ 1.0} & \\textbf{22.0 $\\pm$ 2.0} \\\\
                sink & -- & -- & -- \\\\
                \\midrule
                mAP & 20.0 $\\pm$ 1.0 & 25.0 $\\pm$ 2.0 & \\textbf{30.0 $\\pm$ 5.0} \\\\
                gain over no-init & -- & $+5.0$ & $+10.0$ \\\\
                \\bottomrule
                \\end{tabular}
                % --: no ground truth in the test pairs (sink): no AP, not in the mean
                """, TableExport.latex(t.arms(), t.rows(null, false), "Table 1, rooms"));
    }

    @Test
    void latexSpecialCharactersAndCsvSeparatorsAreEscaped() {
        assertEquals("garbage\\_bin \\& co \\% 50\\textasciitilde{}", TableExport.escape("garbage_bin & co % 50~"));
        assertEquals("\"a, b\"", TableExport.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", TableExport.field("say \"hi\""));
    }
}
