package org.xmodal.app.results;

import org.xmodal.engine.eval.SceneAccuracy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.ExperimentSummary;

/**
 * One seed of one arm as the experiment's run index names it, with what its run stored (an experiment that is not
 * detection: SOCKET's accuracy.json).
 *
 * @param run        the run's folder name, or null when the run is not in the experiment's runs/
 * @param value      the run's value of the main metric (its accuracy), or null when it stored none
 * @param classValue the run's value for the chosen class, or null (no class chosen, or no test image of it)
 * @param images     the test images the run scored, or null
 * @param note       what is missing, or empty
 */
public record SeedRun(String arm, int seed, String run, Double value, Double classValue, Integer images,
                      String note) {
    /** The value in percent, "–" without one. */
    public String valueText() {
        return percent(value);
    }

    public String classText() {
        return percent(classValue);
    }

    private static String percent(Double v) {
        return v == null ? ApTable.MISSING : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
    /** Each arm's run at each seed and what it stored, for an experiment that is not detection (empty for one). */
    static List<SeedRun> of(Experiment e, String chosenClass) {
        if (e.detection()) {
            return List.of();
        }
        List<SeedRun> out = new ArrayList<>();
        for (String arm : e.armNames()) {
            for (int s = 1; s <= e.seeds(); s++) {
                Optional<Experiment.ArmSeed> as = e.armSeed(arm, s);
                String run = as.filter(a -> !a.runs().isEmpty()).map(a -> a.runs().get(0).getFileName().toString())
                        .orElse(null);
                Double value = as.flatMap(a -> a.value(null)).orElse(null);
                Double classValue = chosenClass == null ? null : as.flatMap(a -> a.value(chosenClass)).orElse(null);
                Integer images = as.flatMap(Experiment.ArmSeed::accuracy).map(a -> a.images()).orElse(null);
                String note = run == null ? "no run in " + new ExperimentLayout(e.folder()).runs()
                        : value == null ? "no results/" + SceneAccuracy.FILE + " (not finished)"
                        : chosenClass != null && classValue == null ? "no test image of " + chosenClass : "";
                out.add(new SeedRun(arm, s, run, value, classValue, images, note));
            }
        }
        return out;
    }

    /**
     * A cell's values at each seed, for its tooltip: the row's class (null for the main metric's row) in an arm's
     * column, as the runs stored them (the main metric's row: as the summary lists them); empty when none is known.
     */
    static String tooltip(Experiment e, String arm, ApTable.Row row) {
        if (arm == null || row == null || row.kind() == ApTable.Kind.GAIN) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (row.kind() == ApTable.Kind.MAP) {
            ExperimentSummary.Arm a = e.summary().arms().get(arm);
            List<Double> values = a == null ? List.of() : a.score().seeds();
            for (int i = 0; i < values.size(); i++) {
                parts.add(String.format(Locale.ROOT, "seed %d: %.1f", i + 1, 100 * values.get(i)));
            }
        } else {
            for (int s = 1; s <= e.seeds(); s++) {
                int seedNo = s;
                e.armSeed(arm, s).flatMap(x -> x.value(row.label())).ifPresent(v -> parts.add(String.format(
                        Locale.ROOT, "seed %d: %.1f", seedNo, 100 * v)));
            }
        }
        if (parts.isEmpty()) {
            return "";
        }
        String what = row.kind() == ApTable.Kind.MAP ? e.summary().metric() : e.classMetric() + " of " + row.label();
        return arm + ", " + what + " at each seed: " + String.join(", ", parts);
    }
}
