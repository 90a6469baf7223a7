package org.xmodal.engine.data;

import java.util.List;

/** Everything a loader found wrong, all at once, with how many pairs survived. */
public record DatasetReport(int pairsFound, int pairsUsable, List<DatasetIssue> issues) {
    public DatasetReport {
        issues = List.copyOf(issues);
    }

    public boolean isClean() {
        return issues.isEmpty();
    }

    public long errorCount() {
        return issues.stream().filter(i -> i.severity() == DatasetIssue.Severity.ERROR).count();
    }

    public long warningCount() {
        return issues.stream().filter(i -> i.severity() == DatasetIssue.Severity.WARNING).count();
    }

    public String summary() {
        return pairsUsable + " of " + pairsFound + " pairs usable, " + errorCount() + " error(s), " + warningCount()
                + " warning(s)";
    }
}
