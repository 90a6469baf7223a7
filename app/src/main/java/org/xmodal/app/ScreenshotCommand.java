package org.xmodal.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.xmodal.app.data.DataView;
import org.xmodal.app.data.Layer;
import org.xmodal.app.data.PairViewerViewModel;
import org.xmodal.app.shell.EngineProbe;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.WorkbenchShell;
import org.xmodal.app.task.FxTaskExecutor;
import org.xmodal.engine.encode.EncodingCache;

/**
 * {@code ./xmodal screenshots --out DIR}: opens the workbench on the bundled sample data without a display
 * (Monocle's headless glass, software rendering), walks through the views as a person would, and writes a PNG of
 * the window at each step.
 */
final class ScreenshotCommand {
    private static final long TIMEOUT_SECONDS = 120;
    /** A pair of the sample with several objects, a floor in view and the horizon outside the image. */
    private static final int SAMPLE_PAIR = 7;

    private final Path out;
    private final SampleData sample;
    private final List<Problem> problems = new ArrayList<>();
    private FxTaskExecutor executor;
    private WorkbenchContext context;
    private WorkbenchShell shell;
    private Stage stage;

    private ScreenshotCommand(Path out, SampleData sample) {
        this.out = out;
        this.sample = sample;
    }

    static int run(String[] args) {
        if (args.length != 2 || !args[0].equals("--out")) {
            System.err.println("xmodal screenshots: expected --out DIR");
            System.err.println(WorkbenchMain.USAGE);
            return 2;
        }
        Optional<SampleData> sample = SampleData.locate();
        if (sample.isEmpty()) {
            System.err.println("xmodal screenshots: the bundled sample data was not found (run it through ./xmodal, "
                    + "which sets -Dxmodal.root, or from the repository root)");
            return 2;
        }
        Path out = Path.of(args[1]).toAbsolutePath();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("xmodal screenshots: " + out + ": cannot be created (" + e.getMessage() + ")");
            return 2;
        }
        headless();
        try {
            return new ScreenshotCommand(out, sample.get()).render();
        } catch (TimeoutException e) {
            System.err.println("xmodal screenshots: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("xmodal screenshots: failed: " + e);
            return 1;
        } finally {
            Platform.exit();
        }
    }

    /** Monocle's headless platform, unless the caller chose a platform. */
    private static void headless() {
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", "1440x900-32");
        }
    }

    private int render() throws Exception {
        Platform.startup(() -> { });
        onFx(() -> {
            executor = new FxTaskExecutor();
            context = WorkbenchContext.create(executor, problems::add, EncodingCache.userDefault(),
                    Optional.of(sample));
            shell = Workbench.shell(context);
            stage = new Stage();
            stage.setScene(Workbench.scene(shell, Workbench.WIDTH, Workbench.HEIGHT));
            stage.show();
            shell.status().probeEngine(EngineProbe.pytorch());
            context.session().open(sample.rgbd());
            return null;
        });
        settle();
        DataView data = onFx(() -> (DataView) shell.show("Data"));
        PairViewerViewModel viewer = data.viewerModel();
        onFx(() -> {
            context.session().selectedPairProperty().set(context.session().dataset().pairs().get(SAMPLE_PAIR));
            return null;
        });
        settle();
        shot("data-rgb-boxes", () -> viewer.layerProperty().set(Layer.RGB));
        shot("data-depth", () -> {
            viewer.layerProperty().set(Layer.DEPTH);
            viewer.inspect(80.5, 100.5);
        });
        shot("data-hha", () -> {
            viewer.layerProperty().set(Layer.HHA);
            viewer.showBoxesProperty().set(false);
            viewer.inspect(80.5, 100.5);
        });
        shot("data-swipe-rgb-depth", () -> {
            viewer.layerProperty().set(Layer.RGB);
            viewer.compareLayerProperty().set(Layer.DEPTH);
            viewer.compareProperty().set(PairViewerViewModel.CompareMode.SWIPE);
            viewer.clearInspection();
        });
        shot("encoding-lab-hha", () -> {
            viewer.compareProperty().set(PairViewerViewModel.CompareMode.NONE);
            viewer.showBoxesProperty().set(true);
            shell.show("Encoding lab");
        });
        onFx(() -> {
            shell.show("Data");
            context.session().open(sample.flow());
            return null;
        });
        settle();
        shot("data-flow", () -> viewer.layerProperty().set(Layer.FLOW_WHEEL));
        shot("encoding-lab-flow", () -> shell.show("Encoding lab"));
        onFx(() -> {
            executor.close();
            return null;
        });
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("xmodal screenshots: " + p.title() + ": " + p.message()));
            return 1;
        }
        return 0;
    }

    private void shot(String name, Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
        settle();
        WritableImage img = onFx(() -> stage.getScene().snapshot(null));
        Path file = out.resolve(name + ".png");
        ImageIO.write(toBuffered(img), "png", file.toFile());
        System.out.println(file);
    }

    /** Waits until no job runs and no outcome waits for the FX thread, three checks in a row. */
    private void settle() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the workbench was still busy after " + TIMEOUT_SECONDS + " s");
            }
            boolean idle = onFx(() -> executor.isIdle() && context.work().running().isEmpty());
            quiet = idle ? quiet + 1 : 0;
            Thread.sleep(100);
        }
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        try {
            return task.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static BufferedImage toBuffered(WritableImage img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = img.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            b.setRGB(0, y, w, 1, row, 0, w);
        }
        return b;
    }
}
