package org.xmodal.engine.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.eval.DetectionResult;

/**
 * Everything a Table 1 report shows: the summary (the contract file), each arm's result for every seed (with the
 * precision-recall curves), and where they came from.
 *
 * @param classes      the evaluated classes, in the table's order
 * @param seeds        the fine-tuning seeds, in order
 * @param perSeed      by arm name, one result per seed
 * @param runs         by arm name, the run folder of each seed (the two fused runs' folders for a fusion arm)
 * @param withoutTruth classes without ground truth in the test pairs (no AP; left out of the summary)
 * @param notes        what the reader should know about the data or the runs (an extended dataset, reused runs)
 */
public record Table1Results(ExperimentSummary summary, List<String> classes, List<Long> seeds,
                            Map<String, List<DetectionResult>> perSeed, Map<String, List<String>> runs,
                            List<String> withoutTruth, List<String> notes) {
    public Table1Results {
        classes = List.copyOf(classes);
        seeds = List.copyOf(seeds);
        perSeed = Collections.unmodifiableMap(new LinkedHashMap<>(perSeed));
        runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        withoutTruth = List.copyOf(withoutTruth);
        notes = List.copyOf(notes);
    }

    /**
     * The summary of each arm's per-seed detection results: mAP, and each class's AP over the seeds whose test pairs
     * have that class.
     *
     * @param perSeed by arm name, one detection result per seed in seed order
     * @param classes the evaluated classes, in the table's order
     */
    public static ExperimentSummary summarise(Map<String, List<DetectionResult>> perSeed, List<String> classes,
                                              String task, String dataset, String preset) {
        Map<String, ExperimentSummary.Arm> arms = new LinkedHashMap<>();
        perSeed.forEach((arm, results) -> {
            Map<String, List<Double>> perClass = new LinkedHashMap<>();
            for (String c : classes) {
                perClass.put(c, results.stream().map(r -> r.apPerClass().get(c)).toList());
            }
            arms.put(arm, ExperimentSummary.Arm.of(ExperimentSummary.MAP,
                    results.stream().map(DetectionResult::mAP).toList(), perClass));
        });
        return new ExperimentSummary(arms, task, dataset, preset);
    }

    /** The arm's definition, by name. */
    public static Table1Arm arm(String name) {
        return Table1Arm.ALL.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no arm " + name));
    }
}
