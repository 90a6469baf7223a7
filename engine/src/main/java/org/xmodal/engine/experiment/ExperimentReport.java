package org.xmodal.engine.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What any experiment's {@code report.html} shows: the summary as a table of arms by classes (mean ± std over seeds),
 * each seed's value, the gain of every arm over a baseline arm, the comparisons the paper makes, notes and runs.
 *
 * @param title       the page's heading
 * @param intro       one paragraph under it (data, preset, what the numbers are)
 * @param classes     the classes shown, in order
 * @param seeds       the seeds, in order
 * @param labels      the paper's words for each arm
 * @param baseline    the arm the gains are measured from
 * @param comparisons the paper's comparisons with their verdicts
 * @param runs        by arm, each seed's run folder names
 */
public record ExperimentReport(String title, String intro, ExperimentSummary summary, List<String> classes,
                               List<Long> seeds, Map<String, String> labels, String baseline,
                               List<ArmComparison> comparisons, List<String> notes, Map<String, List<String>> runs) {
    public ExperimentReport {
        classes = List.copyOf(classes);
        seeds = List.copyOf(seeds);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        comparisons = List.copyOf(comparisons);
        notes = List.copyOf(notes);
        runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    }
}
