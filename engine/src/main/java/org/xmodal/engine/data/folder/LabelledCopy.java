package org.xmodal.engine.data.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.task.ProgressListener;

/**
 * A copy of a folder dataset in which every pair's annotations may be used for training: the fully supervised
 * reference of an experiment (the paper's flow network pre-trained on UCF-101's labels) trains on the labels that
 * the other arms may not see. Files are hard-linked where the disk allows, so the copy costs a manifest; the
 * manifest's provenance says what it was made from.
 */
public final class LabelledCopy {
    private LabelledCopy() {
    }

    /**
     * Writes the copy of {@code in} to {@code out} (which must not exist yet or be empty).
     *
     * @throws BadInputException naming {@code in} when it is not a folder dataset with a manifest
     */
    public static void write(Path in, Path out, ProgressListener progress) throws IOException {
        Path manifestFile = in.resolve(DatasetManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new BadInputException(in, "is not a dataset folder (no " + DatasetManifest.FILE_NAME + ")");
        }
        DatasetManifest m = Json.MAPPER.readValue(manifestFile.toFile(), DatasetManifest.class);
        DatasetFiles.copyTree(in, out, Set.of(), true, progress);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("labelledCopyOf", in.toAbsolutePath().normalize().toString());
        provenance.put("note", "every pair marked labelled, for fully supervised pre-training");
        if (m.provenance() != null) {
            provenance.put("source", m.provenance());
        }
        DatasetManifest all = new DatasetManifest(m.format(), m.version(), m.name() + " (all labelled)", m.modality(),
                m.camera(), m.depthUnitsPerMetre(), m.classes(), m.sceneClasses(), m.taskIrrelevantScenes(),
                provenance, m.pairs().stream().map(e -> new DatasetManifest.Entry(e.id(), e.split(), true, e.rgb(),
                        e.depth(), e.depthRaw(), e.next(), e.flow(), e.annotations(), e.instances(),
                        e.corruption())).toList());
        Json.writeAtomically(all, out.resolve(DatasetManifest.FILE_NAME));
        progress.progress("copied " + m.pairs().size() + " pairs, every one labelled", 1);
    }
}
