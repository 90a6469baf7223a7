package org.xmodal.engine.finetune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.image.OutputFiles;

/**
 * The evaluation files of a fine-tuning run's {@code results/} (or of a fused pair of runs): {@code detection.json},
 * the {@link DetectionResult} with AP as fractions and a class without ground truth as null, and {@code ap.csv}.
 */
public final class FinetuneResults {
    public static final String DETECTION_FILE = "detection.json";
    public static final String AP_FILE = "ap.csv";

    private FinetuneResults() {
    }

    /** The result a finished fine-tuning run wrote. */
    public static DetectionResult detection(RunDirectory run) throws IOException {
        Path file = run.results().resolve(DETECTION_FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(run.path(), "has no " + DETECTION_FILE + " in results/ (not a finished "
                    + "fine-tuning run)");
        }
        return Json.MAPPER.readValue(file.toFile(), DetectionResult.class);
    }

    /** Writes {@code detection.json} and {@code ap.csv} (class, AP; empty AP without ground truth; then mAP). */
    public static void write(Path dir, DetectionResult result) throws IOException {
        Files.createDirectories(dir);
        Json.writeAtomically(result, dir.resolve(DETECTION_FILE));
        StringBuilder csv = new StringBuilder("class,ap\n");
        result.apPerClass().forEach((c, ap) -> csv.append(c).append(',')
                .append(ap.isNaN() ? "" : String.format(Locale.ROOT, "%.6f", ap)).append('\n'));
        csv.append(String.format(Locale.ROOT, "mAP,%.6f%n", result.mAP()));
        OutputFiles.replace(dir.resolve(AP_FILE), tmp -> Files.writeString(tmp, csv, StandardCharsets.UTF_8));
    }
}
