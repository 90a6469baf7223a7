package org.xmodal.engine.data.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.ImageFiles;

/**
 * A manifest for a user's folder that has {@code rgb/} and {@code depth/} (optionally {@code depth_raw/} and
 * {@code annotations/}) but no {@code dataset.json}: files are paired by name without extension. What had to be
 * assumed (camera, units) is said in the report.
 */
final class ManifestInference {
    private ManifestInference() {
    }

    static DatasetManifest infer(Path dir, List<DatasetIssue> issues) throws BadInputException {
        if (!Files.isDirectory(dir.resolve("rgb")) || !Files.isDirectory(dir.resolve("depth"))) {
            throw new BadInputException(dir, "is not a dataset folder: it has no dataset.json and no rgb/ + depth/ "
                    + "subfolders (see sample-data/README.md for the layout)");
        }
        Map<String, String> rgb = images(dir, "rgb");
        Map<String, String> depth = images(dir, "depth");
        Map<String, String> raw = images(dir, "depth_raw");
        Map<String, String> ann = files(dir, "annotations", ".json");
        TreeMap<String, Boolean> ids = new TreeMap<>();
        rgb.keySet().forEach(k -> ids.put(k, true));
        depth.keySet().forEach(k -> ids.put(k, true));
        if (ids.isEmpty()) {
            throw new BadInputException(dir, "has rgb/ and depth/ folders but no images in them");
        }
        List<DatasetManifest.Entry> entries = new ArrayList<>();
        for (String id : ids.keySet()) {
            entries.add(new DatasetManifest.Entry(id, "train", null, rgb.get(id), depth.get(id), raw.get(id), null, null,
                    ann.get(id), null));
        }
        DatasetManifest.Camera camera = null;
        String first = rgb.values().stream().findFirst().orElse(null);
        if (first != null) {
            try {
                int[] size = ImageFiles.size(dir.resolve(first));
                CameraIntrinsics c = CameraIntrinsics.nyuColour().scaledTo(size[0], size[1]);
                camera = new DatasetManifest.Camera(c.fx(), c.fy(), c.cx(), c.cy(), c.width(), c.height());
            } catch (BadInputException e) {
                // the pair's own validation reports the unreadable file
            }
        }
        issues.add(new DatasetIssue(DatasetIssue.Severity.WARNING, dir.resolve(DatasetManifest.FILE_NAME).toString(),
                null, "is missing, so pairs were matched by file name, all put in the train split, depth read as "
                + "millimetres and the camera assumed to be NYU Depth v2's colour camera scaled to the image size; "
                + "write a dataset.json to say otherwise"));
        return new DatasetManifest(DatasetManifest.FORMAT, DatasetManifest.VERSION, dir.getFileName().toString(),
                Modality.DEPTH.id(), camera, FolderDatasetLoader.DEFAULT_UNITS_PER_METRE, DetectionClasses.NYUD2_19,
                List.of(), Map.of(), entries);
    }

    private static Map<String, String> images(Path dir, String sub) throws BadInputException {
        Map<String, String> m = files(dir, sub, ".png");
        m.putAll(files(dir, sub, ".jpg"));
        m.putAll(files(dir, sub, ".jpeg"));
        return m;
    }

    private static Map<String, String> files(Path dir, String sub, String ext) throws BadInputException {
        Map<String, String> out = new TreeMap<>();
        Path folder = dir.resolve(sub);
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith(ext) && !name.startsWith(".")) {
                    out.put(name.substring(0, name.length() - ext.length()), sub + "/" + name);
                }
            });
        } catch (IOException e) {
            throw new BadInputException(folder.toString(), "cannot be listed (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
