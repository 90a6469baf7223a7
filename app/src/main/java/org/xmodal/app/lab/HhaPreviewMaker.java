package org.xmodal.app.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xmodal.app.fx.Mark;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.hha.HhaResult;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.viz.GravityOverlay;
import org.xmodal.viz.HhaPictures;

/** Computes an {@link HhaPreview} for a pair and a parameter set, off the UI thread. */
public final class HhaPreviewMaker {
    static final int HORIZON_COLOUR = 0xffdc00;
    static final int UP_COLOUR = 0xff4136;
    private static final ThreadLocal<HhaEncoder> ENCODERS = ThreadLocal.withInitial(HhaEncoder::new);
    static final int LEGEND_WIDTH = 300;

    /**
     * Drawn once, by the first preview's worker: legends are text drawn with Java2D, whose first use loads fonts for
     * a good part of a second, which the UI thread must never wait for.
     */
    private static final class Legends {
        static final HhaPreview.Legends ALL = draw();

        private static HhaPreview.Legends draw() {
            HhaConfig c = HhaConfig.reference(org.xmodal.engine.data.CameraIntrinsics.nyuColour());
            return new HhaPreview.Legends(HhaPictures.legend(HhaPictures.Channel.DISPARITY, c, LEGEND_WIDTH),
                    HhaPictures.legend(HhaPictures.Channel.HEIGHT, c, LEGEND_WIDTH),
                    HhaPictures.legend(HhaPictures.Channel.ANGLE, c, LEGEND_WIDTH));
        }
    }

    private HhaPreviewMaker() {
    }

    /**
     * @param depthRatio how much to multiply the dataset's depths by: the dataset's units per metre over the ones
     *                   the person entered (1 when unchanged)
     */
    public static HhaPreview make(PairedDataset ds, Pair pair, HhaConfig config, double depthRatio, Cancellation cancel)
            throws BadInputException {
        RgbImage rgb = ds.rgb(pair);
        DepthMap depth = ds.depth(pair).scaled(depthRatio);
        DepthMap raw = ds.rawDepth(pair).map(d -> d.scaled(depthRatio)).orElse(null);
        cancel.check();
        long start = System.nanoTime();
        HhaResult r = ENCODERS.get().encode(depth, raw, config);
        double ms = (System.nanoTime() - start) / 1e6;
        List<Mark> marks = new ArrayList<>();
        GravityOverlay.horizon(r.down(), r.camera()).ifPresent(s -> marks.add(
                new Mark.Line(s.x1(), s.y1(), s.x2(), s.y2(), "horizon", HORIZON_COLOUR, false)));
        GravityOverlay.Segment up = GravityOverlay.upArrow(r.down(), r.camera(),
                0.3 * Math.min(rgb.width(), rgb.height()));
        if (up.length() > 0) {
            marks.add(new Mark.Line(up.x1(), up.y1(), up.x2(), up.y2(), "up", UP_COLOUR, true));
        }
        RgbImage hha = r.hha();
        return new HhaPreview(r, rgb, marks, HhaPictures.floorAndWalls(rgb, r.floor(), r.wall()), hha,
                HhaPictures.channel(hha, HhaPictures.Channel.DISPARITY),
                HhaPictures.channel(hha, HhaPictures.Channel.HEIGHT),
                HhaPictures.channel(hha, HhaPictures.Channel.ANGLE), summary(r, ms), Legends.ALL);
    }

    static String summary(HhaResult r, double ms) {
        int floor = 0;
        int wall = 0;
        for (int i = 0; i < r.floor().length; i++) {
            floor += r.floor()[i] ? 1 : 0;
            wall += r.wall()[i] ? 1 : 0;
        }
        double n = r.floor().length;
        return String.format(Locale.ROOT, "gravity (%.3f, %.3f, %.3f) \u00b7 pitch %.1f\u00b0 \u00b7 roll %.1f\u00b0"
                        + " \u00b7 floor %.0f cm below the camera%s \u00b7 %.0f%% floor, %.0f%% wall pixels \u00b7 %.0f ms",
                r.down()[0], r.down()[1], r.down()[2], r.pitchDegrees(), r.rollDegrees(), r.floorHeightCm(),
                r.floorAssumed() ? " (assumed: no floor in view)" : "", 100 * floor / n, 100 * wall / n, ms);
    }
}
