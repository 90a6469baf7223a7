package org.xmodal.app.results;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.experiment.ExperimentSummary;

/**
 * A Table 1 experiment as the Results view shows it: its summary (the contract file), every class evaluated, and for
 * each arm and seed the result and the runs behind it.
 *
 * @param folder       the experiment's folder (the {@code --out} of {@code ./xmodal experiment table1})
 * @param classes      every evaluated class, in the dataset's order, those without test ground truth included
 * @param withoutTruth classes without ground truth in the test pairs: no AP, not in mAP, shown as "–"
 * @param seeds        fine-tuning seeds 1..seeds
 * @param arms         by arm name in the summary's order, one entry per seed in seed order
 * @param notes        what the reader should know (a run that could not be matched to the summary, ...)
 * @param hasReport    whether the experiment wrote {@code results/report.html}
 */
public record Experiment(Path folder, ExperimentSummary summary, List<String> classes, List<String> withoutTruth,
                         int seeds, Map<String, List<ArmSeed>> arms, List<String> notes, boolean hasReport) {
    public Experiment {
        classes = List.copyOf(classes);
        withoutTruth = List.copyOf(withoutTruth);
        arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
        notes = List.copyOf(notes);
    }

    /**
     * One seed of one arm.
     *
     * @param result the evaluation the experiment stored (a run's or the fusion's {@code detection.json}), if found
     * @param runs   the run folder of a trained arm, or the two fused runs' folders of a fusion arm (first the one
     *               with the fusion weight); empty when they are not in the experiment's {@code runs/}
     * @param data   the dataset the runs were trained and tested on (their spec's {@code data}), or null
     * @param fused  whether the arm is a late fusion of two others
     */
    public record ArmSeed(String arm, int seed, Optional<DetectionResult> result, List<Path> runs, String data,
                          boolean fused) {
        public ArmSeed {
            runs = List.copyOf(runs);
        }
    }

    public Path results() {
        return folder.resolve("results");
    }

    public Path report() {
        return results().resolve("report.html");
    }

    public List<String> armNames() {
        return List.copyOf(summary.arms().keySet());
    }

    public Optional<ArmSeed> armSeed(String arm, int seed) {
        List<ArmSeed> s = arms.get(arm);
        return s == null || seed < 1 || seed > s.size() ? Optional.empty() : Optional.of(s.get(seed - 1));
    }

    /** A line saying what the experiment is: task, dataset, preset, seeds. */
    public String description() {
        return String.format(java.util.Locale.ROOT, "%s \u00b7 %s on %s \u00b7 preset %s \u00b7 %d seed%s",
                folder.getFileName(), summary.task(), summary.dataset(), summary.preset(), seeds, seeds == 1 ? "" : "s");
    }
}
