package org.xmodal.app.lab;

import java.util.Locale;
import java.util.stream.Collectors;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.Outcome;

/** Tells what "apply to dataset" did, and reports the pairs that failed as a problem. */
final class ApplyOutcome {
    private static final int LISTED = 8;

    private ApplyOutcome() {
    }

    static String describe(Outcome<DatasetEncoding.Summary> outcome, ProblemReporter problems) {
        if (outcome instanceof Outcome.Done<DatasetEncoding.Summary> done) {
            DatasetEncoding.Summary s = done.value();
            if (!s.failures().isEmpty()) {
                String lines = s.failures().stream().limit(LISTED).map(f -> f.line())
                        .collect(Collectors.joining("\n"));
                problems.report(new Problem(s.failures().size() + " pair(s) could not be encoded", lines
                        + (s.failures().size() > LISTED ? "\n..." : ""), "Fix or remove those files and apply again;"
                        + " pairs already encoded are kept in the cache."));
            }
            return String.format(Locale.ROOT, "%d pairs encoded%s in %.1f s into %s", s.encoded(),
                    s.failures().isEmpty() ? "" : ", " + s.failures().size() + " failed", s.seconds(), s.cache());
        }
        if (outcome instanceof Outcome.Failed<DatasetEncoding.Summary> failed) {
            problems.report(Problems.describe("Could not encode the dataset", failed.error()));
            return "Encoding failed";
        }
        return "Encoding cancelled; what was encoded stays in the cache";
    }
}
