package org.xmodal.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.xmodal.engine.synth.SynthDatasetWriter;

/** The bundled sample data, found through the launcher's {@code xmodal.root} or the working folder. */
public record SampleData(Path rgbd) {
    public static final String RELATIVE = "sample-data/synth-rgbd";

    public static Optional<SampleData> locate() {
        String root = System.getProperty("xmodal.root");
        for (Path base : root != null ? new Path[] {Path.of(root)} : new Path[] {Path.of("."), Path.of("..")}) {
            Path p = base.resolve(RELATIVE).toAbsolutePath().normalize();
            if (Files.isRegularFile(p.resolve("dataset.json"))) {
                return Optional.of(new SampleData(p));
            }
        }
        return Optional.empty();
    }

    /** The frame pairs with ground-truth flow made with the scenes. */
    public Path flow() {
        return rgbd.resolve(SynthDatasetWriter.FLOW_FOLDER);
    }
}
