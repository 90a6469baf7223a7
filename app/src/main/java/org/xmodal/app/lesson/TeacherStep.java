package org.xmodal.app.lesson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import org.xmodal.app.runs.InspectionProcess;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.inspect.NetworkFeatures;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.FilterStructure;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.transfer.PairedBatches;
import org.xmodal.engine.transfer.Resize;
import org.xmodal.viz.ColourMap;
import org.xmodal.viz.FeatureMapPictures;
import org.xmodal.viz.FilterPictures;

/** Step 3: the committed RGB teacher's conv1 filters, and its pool5 feature maps on the lesson's RGB image. */
final class TeacherStep extends LessonStep {
    /** How many of pool5's channels are drawn: the ones that respond most to the image. */
    static final int CHANNELS = 3;
    private final LessonMaterial material;
    private final Pictures filters = new Pictures("lesson-teacher-filters", "Teacher's conv1 filters");
    private final List<Pictures> maps = new ArrayList<>();

    /** The teacher's filters and its strongest pool5 channels on the image. */
    record Made(RgbImage filters, double structure, double noise, int count, int k, List<RgbImage> maps,
                List<Integer> channels, int mapWidth, int mapHeight, int allChannels) {
    }

    TeacherStep(LessonMaterial material) {
        super("teacher", "The teacher", "The teacher is a network trained on labelled RGB images. Its first layer "
                + "holds its filters; its last convolutional layer, pool5, answers with coarse maps of where things "
                + "are. The depth network will learn to reproduce these maps.");
        this.material = material;
        for (int i = 0; i < CHANNELS; i++) {
            maps.add(new Pictures("lesson-teacher-map-" + i, "pool5 map"));
        }
    }

    @Override
    protected Node build() {
        GridPane grid = new GridPane();
        for (double percent : new double[] {46, 27, 27}) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(percent);
            grid.getColumnConstraints().add(c);
        }
        grid.add(filters, 0, 0, 1, 2);
        for (int i = 0; i < maps.size(); i++) {
            grid.add(maps.get(i), 1 + i % 2, i / 2);
        }
        return grown(grid);
    }

    @Override
    protected void start() {
        work(material, "Running the teacher", (progress, cancel) -> {
            PairedDataset ds = material.dataset(progress, cancel);
            RgbImage rgb = trainingScale(ds.rgb(material.pair(progress, cancel)));
            return make(material.context().runsSetup().inspection(), material.teacherRun(),
                    material.teacherWeights(), rgb, cancel);
        }, this::show);
    }

    /** The image at the scale the networks were trained on (shorter side 113 / 0.875). */
    static RgbImage trainingScale(RgbImage rgb) {
        int[] size = Resize.toShortSide(rgb.width(), rgb.height(), (int) Math.ceil(113 / PairedBatches.CROP_FRACTION));
        return Resize.rgb(rgb, size[0], size[1]);
    }

    static Made make(InspectionProcess engine, Path run, Path weights, RgbImage rgb, Cancellation cancel)
            throws IOException {
        NetworkWeights.Values conv1 = NetworkWeights.firstConvolution(weights);
        long[] s = conv1.shape().getShape();
        FilterPictures.Filters f = FilterPictures.Filters.of(s, conv1.data());
        RgbImage grid = FilterPictures.composite(f, 6);
        double structure = FilterStructure.score(conv1.data(), (int) s[0], (int) s[1], (int) s[2]);
        String arch = RunDirectory.open(run).spec().student().architecture();
        NetworkFeatures.Result features = engine.networkFeatures(new NetworkFeatures.Request(arch, weights, "pool5",
                rgb), cancel);
        int c = features.channels();
        int h = features.height();
        int w = features.width();
        float[] v = features.values();
        int plane = w * h;
        double[] mean = new double[c];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < plane; i++) {
                mean[ch] += v[ch * plane + i];
            }
        }
        List<Integer> strongest = IntStream.range(0, c).boxed()
                .sorted(Comparator.comparingDouble((Integer ch) -> -mean[ch])).limit(CHANNELS).toList();
        List<RgbImage> pictures = new ArrayList<>();
        for (int ch : strongest) {
            float[] one = new float[plane];
            System.arraycopy(v, ch * plane, one, 0, plane);
            FeatureMapPictures.Map2d map = new FeatureMapPictures.Map2d(one, w, h);
            pictures.add(FeatureMapPictures.overlay(rgb, map, 0, Math.max(1e-6, map.max()), ColourMap.VIRIDIS,
                    0.6));
        }
        return new Made(grid, structure, FilterStructure.noiseLevel((int) s[2]), (int) s[0], (int) s[2],
                pictures, strongest, w, h, c);
    }

    private void show(Made made) {
        filters.show(made.filters(), String.format(Locale.ROOT, "%d filters of %dx%d pixels, structure %.2f "
                + "(random filters: %.2f; the share of their energy at low spatial frequencies).", made.count(),
                made.k(), made.k(), made.structure(), made.noise()));
        for (int i = 0; i < maps.size() && i < made.maps().size(); i++) {
            maps.get(i).show(made.maps().get(i), String.format(Locale.ROOT, "Channel %d of %d (%dx%d): where it "
                    + "responds", made.channels().get(i), made.allChannels(), made.mapWidth(), made.mapHeight()));
        }
        ready(true);
    }
}
