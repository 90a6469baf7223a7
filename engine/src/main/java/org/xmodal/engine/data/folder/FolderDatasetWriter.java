package org.xmodal.engine.data.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.json.Json;

/**
 * Writes a dataset in the project's folder format. Files may be written from several threads; the manifest
 * lists pairs sorted by id, so the output is byte-identical however the work was scheduled. The manifest is
 * written last (atomically), so a folder without {@code dataset.json} is an unfinished write.
 */
public final class FolderDatasetWriter {
    private final Path root;
    private final String name;
    private final Modality modality;
    private final CameraIntrinsics camera;
    private final double depthUnitsPerMetre;
    private final List<String> classes;
    private final List<String> sceneClasses;
    private final Map<String, Object> provenance;
    private final List<DatasetManifest.Entry> entries = new ArrayList<>();
    private List<String> taskIrrelevantScenes = List.of();

    public FolderDatasetWriter(Path root, String name, Modality modality, CameraIntrinsics camera,
                               double depthUnitsPerMetre, List<String> classes, List<String> sceneClasses,
                               Map<String, Object> provenance) throws IOException {
        this.root = root;
        this.name = name;
        this.modality = modality;
        this.camera = camera;
        this.depthUnitsPerMetre = depthUnitsPerMetre;
        this.classes = List.copyOf(classes);
        this.sceneClasses = List.copyOf(sceneClasses);
        this.provenance = new LinkedHashMap<>(provenance);
        Files.createDirectories(root);
    }

    public Path root() {
        return root;
    }

    public String writeRgb(String relative, RgbImage image) throws IOException {
        ImageFiles.writeRgb(image, root.resolve(relative));
        return relative;
    }

    public String writeDepth(String relative, DepthMap depth) throws IOException {
        ImageFiles.writeDepth16(depth, depthUnitsPerMetre, root.resolve(relative));
        return relative;
    }

    public String writeInstances(String relative, int width, int height, int[] ids) throws IOException {
        ImageFiles.writeUShort16(width, height, ids, root.resolve(relative));
        return relative;
    }

    public String writeFlow(String relative, FlowField flow) throws IOException {
        FloFile.write(flow, root.resolve(relative));
        return relative;
    }

    public String writeAnnotation(String relative, PairAnnotation annotation) throws IOException {
        Json.writeAtomically(AnnotationJson.of(annotation), root.resolve(relative));
        return relative;
    }

    /**
     * Writes a depth pair under the standard names ({@code rgb/ID.png}, {@code depth/ID.png},
     * {@code depth_raw/ID.png}, {@code annotations/ID.json}, {@code instances/ID.png}) and registers it.
     * {@code raw} and {@code instances} may be null.
     */
    public void addDepthPair(String id, Split split, boolean labelled, RgbImage rgb, DepthMap filled, DepthMap raw,
                             PairAnnotation annotation, int[] instances) throws IOException {
        String rgbPath = writeRgb("rgb/" + id + ".png", rgb);
        String depthPath = writeDepth("depth/" + id + ".png", filled);
        String rawPath = raw == null ? null : writeDepth("depth_raw/" + id + ".png", raw);
        String annPath = writeAnnotation("annotations/" + id + ".json", annotation);
        String instPath = instances == null ? null
                : writeInstances("instances/" + id + ".png", rgb.width(), rgb.height(), instances);
        addEntry(new DatasetManifest.Entry(id, split.id(), labelled, rgbPath, depthPath, rawPath, null, null, annPath,
                instPath));
    }

    /** Registers a pair whose files were written with the write methods. */
    public synchronized void addEntry(DatasetManifest.Entry entry) {
        entries.add(entry);
    }

    /** Marks scene classes task-irrelevant (SOCKET's paired data of other classes); none by default. */
    public FolderDatasetWriter taskIrrelevantScenes(List<String> scenes) {
        taskIrrelevantScenes = List.copyOf(scenes);
        return this;
    }

    /** Writes {@code dataset.json}; call once, after every pair was added. */
    public synchronized Path finish() throws IOException {
        List<DatasetManifest.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(DatasetManifest.Entry::id));
        DatasetManifest.Camera cam = camera == null ? null
                : new DatasetManifest.Camera(camera.fx(), camera.fy(), camera.cx(), camera.cy(), camera.width(),
                camera.height());
        DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT, DatasetManifest.VERSION, name, modality.id(),
                cam, modality == Modality.DEPTH ? depthUnitsPerMetre : null, classes, sceneClasses,
                taskIrrelevantScenes.isEmpty() ? null : taskIrrelevantScenes, provenance, sorted);
        Path file = root.resolve(DatasetManifest.FILE_NAME);
        Json.writeAtomically(m, file);
        return file;
    }
}
