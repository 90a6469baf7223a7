package org.xmodal.engine.experiment;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;

/**
 * The folder of an experiment, as the engine writes it and the workbench reads it (DESIGN.md):
 * <pre>
 * OUT/
 *   runs/&lt;run-id&gt;/            every run of the experiment, a normal run folder
 *   data/                      the dataset extended with synthetic unlabelled pairs, when the preset asks
 *   results/
 *     preset.json              the preset the experiment was started with (written first)
 *     runs.json                which run is which: the teacher and transfer of each seed, each arm's runs by seed
 *     summary.json             arms with their metrics (the contract file; written last)
 *     fusion/&lt;arm&gt;/seed-&lt;n&gt;/  a late-fusion arm's evaluation of one seed
 *     report.html, table1.md, table1.csv, table1-seeds.csv
 * </pre>
 */
public record ExperimentLayout(Path folder) {
    public static final String SUMMARY = "summary.json";
    public static final String PRESET = "preset.json";
    public static final String RUN_INDEX = "runs.json";
    public static final String REPORT = "report.html";

    /**
     * Which run is which, by run id (a folder under {@code runs/}).
     *
     * @param seeds    the fine-tuning seeds, in order
     * @param teachers the RGB teacher of each seed (the same id for every seed when one teacher serves them all)
     * @param students the supervision-transfer run of each seed, likewise
     * @param arms     by arm, for each seed the runs it is made of (two for a late-fusion arm)
     */
    @JsonPropertyOrder({"seeds", "teachers", "students", "arms"})
    public record RunIndex(List<Long> seeds, List<String> teachers, List<String> students,
                           Map<String, List<List<String>>> arms) {
        public RunIndex {
            seeds = List.copyOf(seeds);
            teachers = List.copyOf(teachers);
            students = List.copyOf(students);
            Map<String, List<List<String>>> copy = new LinkedHashMap<>();
            arms.forEach((k, v) -> copy.put(k, v.stream().map(List::copyOf).toList()));
            arms = java.util.Collections.unmodifiableMap(copy);
        }

        /** The runs of an arm's seed (by position in {@link #seeds}), or none. */
        public List<String> runsOf(String arm, int seedIndex) {
            List<List<String>> perSeed = arms.get(arm);
            return perSeed == null || seedIndex >= perSeed.size() ? List.of() : perSeed.get(seedIndex);
        }

        /** Whether each seed had a teacher and a transfer of its own. */
        public boolean teacherPerSeed() {
            return teachers.stream().distinct().count() > 1;
        }
    }

    public ExperimentLayout {
        folder = folder.toAbsolutePath().normalize();
    }

    /**
     * The experiment a user pointed at: its folder, its {@code results/} folder or its {@code summary.json}.
     *
     * @throws BadInputException when that is not a finished experiment, saying what it is instead
     */
    public static ExperimentLayout find(Path chosen) throws BadInputException {
        Path p = chosen.toAbsolutePath().normalize();
        if (Files.isRegularFile(p) && p.getFileName().toString().equals(SUMMARY)) {
            p = p.getParent();
        }
        if (Files.isRegularFile(p.resolve(SUMMARY)) && p.getFileName().toString().equals("results")
                && p.getParent() != null) {
            return new ExperimentLayout(p.getParent());
        }
        ExperimentLayout here = new ExperimentLayout(p);
        if (here.isFinished()) {
            return here;
        }
        if (!Files.exists(p)) {
            throw new BadInputException(p, "does not exist");
        }
        if (Files.isRegularFile(here.preset())) {
            throw new BadInputException(p, "has no results/summary.json yet: the experiment has not finished (run "
                    + "the same ./xmodal experiment command again to continue it)");
        }
        throw new BadInputException(p, "is not an experiment folder: it has no results/summary.json (the folder "
                + "given to ./xmodal experiment --out holds one when the experiment has finished)");
    }

    /** Whether the experiment wrote its summary (the last thing it writes). */
    public boolean isFinished() {
        return Files.isRegularFile(summary());
    }

    public Path runs() {
        return folder.resolve("runs");
    }

    public Path run(String id) {
        return runs().resolve(id);
    }

    public Path results() {
        return folder.resolve("results");
    }

    /** Where a preset extends the dataset with synthetic unlabelled pairs. */
    public Path extendedData() {
        return folder.resolve("data");
    }

    public Path summary() {
        return results().resolve(SUMMARY);
    }

    public Path preset() {
        return results().resolve(PRESET);
    }

    public Path runIndex() {
        return results().resolve(RUN_INDEX);
    }

    public Path report() {
        return results().resolve(REPORT);
    }

    /** The folder of a late-fusion arm's evaluation of one seed. */
    public Path fusion(String arm, long seed) {
        return results().resolve("fusion").resolve(arm).resolve("seed-" + seed);
    }

    public void writeRunIndex(RunIndex index) throws IOException {
        Json.writeAtomically(index, runIndex());
    }

    /** The run index, or empty for an experiment written before there was one (its runs are matched by name). */
    public Optional<RunIndex> readRunIndex() throws IOException {
        if (!Files.isRegularFile(runIndex())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(runIndex().toFile(), RunIndex.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(runIndex().toString(), "is not an experiment's run index (" + e
                    .getOriginalMessage() + ")", e);
        }
    }

    /** Deletes a folder an experiment made (a partial copy of data), with everything in it; nothing if absent. */
    static void deleteTree(Path p) throws IOException {
        org.xmodal.engine.image.OutputFiles.deleteTree(p);
    }
}
