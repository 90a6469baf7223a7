package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal flow}: dense optical flow between two frames, as a .flo file and/or an image. */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Optical flow from one frame to the next (BoofCV), written as a Middlebury .flo file and/or an "
                + "image (action-tubes encoding for networks, or the colour wheel for people).")
final class FlowCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "A", description = "First frame (PNG/JPEG).")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "B", description = "Next frame, same size.")
    Path to;

    @Option(names = "--out-flo", paramLabel = "F.flo", description = "Write the flow as a Middlebury .flo file.")
    Path outFlo;

    @Option(names = "--out-png", paramLabel = "F.png", description = "Write the flow as an image.")
    Path outPng;

    @Option(names = "--encoding", defaultValue = "actiontubes", paramLabel = "actiontubes|colorwheel",
            description = "Image encoding: actiontubes (R = 16u+128, G = 16v+128, B = 16|flow|+128) or colorwheel.")
    String encoding;

    @Option(names = "--method", defaultValue = "dis-fast", paramLabel = "METHOD",
            description = "Flow method: dis-fast (the default: OpenCV's DIS, hundreds of frames/s with sub-pixel "
                    + "error), dis-ultrafast, dis-medium, farneback, tv-l1 (two-stream action recognition's), brox "
                    + "(the papers' warping-based variational flow, a few frames/s), horn-schunck, klt, region; on the "
                    + "GPU build (-Pcuda) with an NVIDIA GPU only: cuda-brox, cuda-tv-l1, cuda-farneback, cuda-pyrlk.")
    String method;

    @Option(names = "--alpha", paramLabel = "A", description = "Smoothness weight (brox, horn-schunck).")
    Double alpha;

    @Option(names = "--scale", defaultValue = "16", description = "Grey levels per pixel of motion (actiontubes).")
    double scale;

    @Override
    public Integer call() throws Exception {
        if (outFlo == null && outPng == null) {
            throw new IllegalArgumentException("nothing to write: give --out-flo and/or --out-png");
        }
        if (!encoding.equals("actiontubes") && !encoding.equals("colorwheel")) {
            throw new IllegalArgumentException("--encoding must be actiontubes or colorwheel, not '" + encoding + "'");
        }
        RgbImage a = ImageFiles.readRgb(from);
        RgbImage b = ImageFiles.readRgb(to);
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new org.xmodal.engine.image.BadInputException(to, "is " + b.width() + "x" + b.height()
                    + " but " + from.getFileName() + " is " + a.width() + "x" + a.height());
        }
        FlowConfig d = FlowConfig.defaults(FlowMethod.parse(method));
        FlowConfig config = alpha == null ? d : new FlowConfig(d.method(), alpha, d.gamma(), d.warps(),
                d.innerIterations(), d.pyramidScale(), d.pyramidLayers(), d.regionRadius());
        long t = System.nanoTime();
        FlowField flow = new FlowEstimator(config).estimate(a, b);
        double ms = (System.nanoTime() - t) / 1e6;
        if (outFlo != null) {
            FloFile.write(flow, outFlo);
        }
        if (outPng != null) {
            RgbImage img = encoding.equals("colorwheel") ? FlowImages.colourWheel(flow, 0)
                    : FlowImages.actionTubes(flow, scale);
            ImageFiles.writeRgb(img, outPng);
        }
        out().printf(Locale.ROOT, "flow %dx%d by %s in %.0f ms; largest motion %.2f px%n", a.width(), a.height(),
                config.method().id(), ms, FlowImages.largestMagnitude(flow));
        return 0;
    }
}
