package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.hha.FloorReference;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.hha.HhaResult;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal hha}: the HHA encoding of one depth image. */
@Command(name = "hha", mixinStandardHelpOptions = true,
        description = "HHA encoding of one depth image: R = horizontal disparity, G = height above the floor (cm), "
                + "B = angle with gravity (degrees + 38).")
final class HhaCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--depth", required = true, paramLabel = "F",
            description = "Depth as a 16-bit PNG (filled depth when --raw is given).")
    Path depth;

    @Option(names = "--raw", paramLabel = "F", description = "Raw sensor depth (16-bit PNG); its zeros mark missing "
            + "pixels that the normals must not use.")
    Path raw;

    @Option(names = "--depth-scale", paramLabel = "UNITS_PER_METRE", defaultValue = "1000",
            description = "Stored units per metre: 1000 for millimetres (default), 10000 for NYU Depth v2's PNGs.")
    double depthScale;

    @Option(names = "--camera", paramLabel = "fx,fy,cx,cy|nyu|nyu-crop", description = CameraArgument.HELP)
    String camera;

    @Option(names = "--floor", defaultValue = "lowest-point", paramLabel = "lowest-point|floor-plane",
            description = "Height reference: lowest-point (rcnn-depth's rule, default) or floor-plane (robust to "
                    + "sensor noise, which puts the lowest point a few cm below the floor).")
    String floor;

    @Option(names = "--normal-radius", defaultValue = "3", paramLabel = "N",
            description = "Half-size of the normal window of the angle channel (default 3: 7x7), as a spec's "
                    + "encoding.depth.normalRadius.")
    int normalRadius;

    @Option(names = "--gravity-radius", defaultValue = "10", paramLabel = "N",
            description = "Half-size of the normal window of the gravity estimate (default 10: 21x21).")
    int gravityRadius;

    @Option(names = "--stages", defaultValue = "45 x 5, 15 x 5", paramLabel = "A x N, ...",
            description = "Gravity stages: floor/wall angle in degrees x iterations (default 45 x 5, 15 x 5).")
    String stages;

    @Option(names = "--out", required = true, paramLabel = "F.png", description = "Where to write the HHA image.")
    Path out;

    @Override
    public Integer call() throws Exception {
        DepthMap filled = DepthInputs.read(depth, depthScale);
        DepthMap rawDepth = DepthInputs.readRaw(raw, filled, depthScale);
        Encoding.Depth settings = new Encoding.Depth(Encoding.DepthInput.HHA, null, null, null, normalRadius,
                gravityRadius, Encoding.GravityStage.parseList(stages, "--stages"), FloorReference.parse(floor), null);
        HhaConfig config = settings.hha(Optional.of(new CameraArgument(camera).forImage(filled.width(),
                filled.height())));
        HhaResult r = new HhaEncoder().encode(filled, rawDepth, config);
        ImageFiles.writeRgb(r.hha(), out);
        out().printf(Locale.ROOT, "%s: HHA %dx%d; gravity (camera coords, y down) %.3f %.3f %.3f, pitch %.1f deg, "
                        + "roll %.1f deg; floor %.0f cm below the camera%s%n", out, filled.width(), filled.height(),
                r.down()[0], r.down()[1], r.down()[2], r.pitchDegrees(), r.rollDegrees(), r.floorHeightCm(),
                r.floorAssumed() ? " (assumed: no floor in view)" : "");
        return 0;
    }
}
