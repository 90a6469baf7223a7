package org.xmodal.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.folder.DatasetManifest;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.synth.SynthGenerator;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * Gives a small synthetic dataset more unlabelled pairs, deterministically: renders extra scenes with
 * {@code xmodal synth} (a seed derived from the dataset's, no labels, no test scenes) and writes a dataset that
 * lists the original pairs, unchanged, and the new ones. The labelled pairs and the test pairs stay exactly the
 * dataset's own, so only the supervision transfer (and the RGB teacher, whose labels are the plentiful kind)
 * sees more data.
 */
final class SyntheticExtension {
    /** Added to the dataset's seed for the extra scenes, so they are other rooms than the dataset's. */
    static final long SEED_OFFSET = 1_000_003;
    private static final String BASE_LINK = "base";

    /** The dataset to use, and what was done to get it (one sentence for the output, or null when nothing). */
    record Result(Path data, int addedPairs, String note) {
    }

    private SyntheticExtension() {
    }

    /**
     * What to render: {@code scenes} more scenes, which fractions of them are labelled and test scenes, drawn from
     * the first {@code sceneKinds} scene classes with {@code taskIrrelevant} of them marked so.
     *
     * @param purpose what the scenes are for, for the note ("for the transfer")
     */
    record Request(int scenes, double labelledFraction, double testFraction, int sceneKinds,
                   List<String> taskIrrelevant, String purpose) {
        Request {
            taskIrrelevant = List.copyOf(taskIrrelevant);
        }

        /** Unlabelled train scenes of the classic scene classes (Table 1's transfer). */
        static Request unlabelled(int scenes, String purpose) {
            return new Request(scenes, 0, 0, SynthConfig.CLASSIC_SCENE_KINDS, List.of(), purpose);
        }
    }

    /**
     * @param trainPairs how many train pairs the dataset has
     * @param target     how many train pairs the transfer should have
     * @param work       folder for the rendered scenes and the combined dataset
     */
    static Result apply(Path data, int trainPairs, int target, Path work, ProgressListener progress,
                        Cancellation cancel) throws IOException {
        if (target <= trainPairs) {
            return new Result(data, 0, null);
        }
        return apply(data, Request.unlabelled(target - trainPairs, "for the transfer"), trainPairs
                + " train pairs (fewer than the preset's " + target + ")", work, progress, cancel);
    }

    /**
     * The dataset with the requested scenes added, when it was made by {@code xmodal synth} (the same recipe, a seed
     * derived from the dataset's); any other dataset is used as it is.
     *
     * @param why why the dataset needs more scenes, for the note when it cannot have them
     */
    static Result apply(Path data, Request request, String why, Path work, ProgressListener progress,
                        Cancellation cancel) throws IOException {
        Path manifestFile = data.resolve(DatasetManifest.FILE_NAME);
        if (request.scenes() <= 0 || !Files.isRegularFile(manifestFile)) {
            return new Result(data, 0, null);
        }
        DatasetManifest manifest = Json.MAPPER.readValue(manifestFile.toFile(), DatasetManifest.class);
        if (!Modality.DEPTH.id().equals(manifest.modality())) {
            // the generator's scenes are RGB-D; they cannot pad frame pairs (the experiments refuse those up front)
            return new Result(data, 0, null);
        }
        Map<String, Object> provenance = manifest.provenance();
        if (provenance == null || !SynthGenerator.NAME.equals(provenance.get("generator"))
                || manifest.camera() == null) {
            return new Result(data, 0, "the dataset has " + why + " but was not made by xmodal synth, so it is used "
                    + "as it is");
        }
        long seed = ((Number) provenance.get("seed")).longValue() + SEED_OFFSET;
        int extra = request.scenes();
        SynthConfig config = new SynthConfig(seed, extra, manifest.camera().width(), manifest.camera().height(), 0, 5,
                request.labelledFraction(), request.testFraction(), request.sceneKinds(), request.taskIrrelevant());
        boolean unlabelled = request.labelledFraction() == 0 && request.testFraction() == 0;
        Path scenes = work.resolve(config.sceneKinds() != SynthConfig.CLASSIC_SCENE_KINDS
                ? "scenes-seed" + seed + "-" + extra + "-kinds" + config.sceneKinds()
                : unlabelled ? "unlabelled-seed" + seed + "-" + extra
                : "labelled-seed" + seed + "-" + extra);
        if (!isComplete(scenes, config)) {
            SynthDatasetWriter.write(config, scenes, true, Runtime.getRuntime().availableProcessors(), progress,
                    cancel);
        }
        DatasetManifest added = Json.MAPPER.readValue(scenes.resolve(DatasetManifest.FILE_NAME).toFile(),
                DatasetManifest.class);
        String suffix = request.labelledFraction() == 0 && request.testFraction() == 0 ? "unlabelled" : "scenes";
        Path combined = work.resolve(manifest.name() + "+" + suffix + "-" + extra);
        writeCombined(data, manifest, scenes, added, combined, config, suffix);
        String what = request.labelledFraction() == 0 && request.testFraction() == 0
                ? " unlabelled synthetic scenes were added " + request.purpose() + " (`" + config.command()
                + "`, in " + scenes + "); labelled and test pairs are the dataset's own"
                : " synthetic scenes were added " + request.purpose() + " (`" + config.command() + "`, in " + scenes
                + ")";
        return new Result(combined, extra, "the dataset has " + why + "; " + extra + what);
    }

    private static boolean isComplete(Path dir, SynthConfig config) throws IOException {
        Path m = dir.resolve(DatasetManifest.FILE_NAME);
        if (!Files.isRegularFile(m) || Files.exists(dir.resolve(".xmodal-synth-unfinished"))) {
            return false;
        }
        DatasetManifest manifest = Json.MAPPER.readValue(m.toFile(), DatasetManifest.class);
        return manifest.provenance() != null && config.command().equals(manifest.provenance().get("command"));
    }

    private static void writeCombined(Path data, DatasetManifest base, Path scenes, DatasetManifest added,
                                      Path combined, SynthConfig config, String suffix) throws IOException {
        Files.createDirectories(combined);
        List<DatasetManifest.Entry> pairs = new ArrayList<>();
        // The combined manifest reaches its two sources through links inside its folder, because a manifest may
        // only name files inside its own folder (see FolderDatasetLoader).
        Path baseLink = link(combined.resolve(BASE_LINK), data);
        Path scenesLink = link(combined.resolve(suffix), scenes);
        for (DatasetManifest.Entry e : base.pairs()) {
            pairs.add(relocate(e, e.id(), baseLink, combined));
        }
        for (DatasetManifest.Entry e : added.pairs()) {
            pairs.add(relocate(e, suffix + "-" + e.id(), scenesLink, combined));
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("base", data.toAbsolutePath().normalize().toString());
        provenance.put("baseProvenance", base.provenance());
        provenance.put(suffix, config.provenance());
        // the added scenes' classes extend the dataset's (synth draws the classic five first, in the same order)
        List<String> sceneClasses = new ArrayList<>(base.sceneClasses() == null ? List.of() : base.sceneClasses());
        added.sceneClasses().stream().filter(c -> !sceneClasses.contains(c)).forEach(sceneClasses::add);
        List<String> irrelevant = new ArrayList<>(base.taskIrrelevantScenes() == null ? List.of()
                : base.taskIrrelevantScenes());
        if (added.taskIrrelevantScenes() != null) {
            added.taskIrrelevantScenes().stream().filter(c -> !irrelevant.contains(c)).forEach(irrelevant::add);
        }
        DatasetManifest m = new DatasetManifest(base.format(), base.version(), base.name() + "+" + suffix,
                base.modality(), base.camera(), base.depthUnitsPerMetre(), base.classes(), sceneClasses,
                irrelevant.isEmpty() ? base.taskIrrelevantScenes() : irrelevant, provenance, pairs);
        Json.writeAtomically(m, combined.resolve(DatasetManifest.FILE_NAME));
    }

    private static Path link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        return Files.createSymbolicLink(link, target.toAbsolutePath().normalize());
    }

    /** The entry with its paths relative to the combined dataset's folder. */
    private static DatasetManifest.Entry relocate(DatasetManifest.Entry e, String id, Path from, Path to) {
        return new DatasetManifest.Entry(id, e.split(), e.labelled(), path(e.rgb(), from, to),
                path(e.depth(), from, to), path(e.depthRaw(), from, to), path(e.next(), from, to),
                path(e.flow(), from, to), path(e.annotations(), from, to), path(e.instances(), from, to));
    }

    private static String path(String relative, Path from, Path to) {
        if (relative == null) {
            return null;
        }
        Path file = from.resolve(relative).normalize();
        return to.relativize(file).toString().replace('\\', '/');
    }
}
