package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.cli.XmodalCli;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.nn.NetworkWeights;

class FilterAnimationTest {
    private static final int FILTERS = 6;
    private static final int K = 5;

    @TempDir
    Path dir;

    private RunDirectory run() throws Exception {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"batchSize\": 8, \"iterations\": 20, \"inputSize\": 64}");
        return RunDirectory.create(dir.resolve("runs"), RunSpecFiles.read(f));
    }

    private static float[] weights(long seed) {
        float[] w = new float[FILTERS * 3 * K * K];
        Random r = new Random(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        return w;
    }

    private static void checkpoint(RunDirectory run, long step, float[] conv1) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(conv1, new Shape(FILTERS, 3, K, K));
            NDArray fc = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            Files.createDirectories(run.checkpoint(step).getParent());
            NetworkWeights.saveArrays(Map.of("conv1.weight", a, "fc8.weight", fc), run.checkpoint(step));
        }
    }

    @Test
    void framesComeFromSnapshotsAndCheckpointsInStepOrder() throws Exception {
        RunDirectory run = run();
        float[] start = weights(1);
        Files.createDirectories(run.filters());
        ImageFiles.writeRgb(FilterGrid.render(start, FILTERS, 3, K, FilterAnimation.ZOOM),
                run.filters().resolve("step-00000000.png"));
        run.metrics().append(new MetricsLog.Row(0, Double.NaN, "train", FilterStructure.METRIC, 0.21));
        float[] later = weights(2);
        checkpoint(run, 20, later);
        checkpoint(run, 10, weights(3));

        List<FilterAnimation.Frame> frames = FilterAnimation.frames(run);
        assertEquals(List.of(0L, 10L, 20L), frames.stream().map(FilterAnimation.Frame::step).toList());
        assertEquals(0.21, frames.get(0).structure(), 0, "a snapshot's score is the one logged at its step");
        assertEquals(FilterStructure.score(later, FILTERS, 3, K), frames.get(2).structure(), 1e-12);
        assertEquals(frames.get(0).grid().width(), frames.get(2).grid().width(), "drawn as the snapshots are");
        assertEquals("step 20 \u00b7 structure " + String.format(java.util.Locale.ROOT, "%.2f",
                frames.get(2).structure()), FilterAnimation.caption(frames.get(2)));

        Path gif = dir.resolve("out").resolve("evolution.gif");
        FilterAnimation.write(frames, gif, 2, 300);
        List<Integer> delays = new ArrayList<>();
        boolean loops = false;
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            assertEquals(3, n);
            for (int i = 0; i < n; i++) {
                assertEquals(frames.get(0).grid().width() * 2, reader.getWidth(i));
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(control.getAttribute("delayTime")));
                loops |= root.getElementsByTagName("ApplicationExtension").getLength() > 0;
            }
        }
        assertEquals(List.of(30, 30, 90), delays, "hundredths of a second; the last frame shown three times as long");
        assertTrue(loops, "the NETSCAPE2.0 extension that makes it loop");
        assertTrue(Files.notExists(gif.resolveSibling("evolution.gif.part")));
    }

    @Test
    void aRunWithNothingToAnimateIsNamed() throws Exception {
        RunDirectory run = run();
        BadInputException e = assertThrows(BadInputException.class, () -> FilterAnimation.frames(run));
        assertTrue(e.getMessage().contains(run.path().toString()), e.getMessage());
    }

    @Test
    void theCommandWritesTheGifOrSaysWhatIsWrong() throws Exception {
        RunDirectory run = run();
        checkpoint(run, 10, weights(4));
        Path gif = dir.resolve("evolution.gif");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = XmodalCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("filters", run.path().toString(), "--gif", gif.toString()));
        assertTrue(out.toString().startsWith("wrote " + gif + ": 1 frames, steps 10 to 10"), out.toString());
        assertTrue(Files.size(gif) > 0);
        Path notARun = Files.createDirectories(dir.resolve("not-a-run"));
        assertEquals(XmodalCli.EXIT_BAD_INPUT, cl.execute("filters", notARun.toString(), "--gif", gif.toString()));
        assertTrue(err.toString().contains("not a run directory"), err.toString());
    }
}
