package org.xmodal.app.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmodal.app.fx.Mark;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.hha.HhaResult;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.viz.ClassPalette;
import org.xmodal.viz.DepthPictures;
import org.xmodal.viz.DepthScale;
import org.xmodal.viz.FlowLegend;
import org.xmodal.viz.HhaPictures;

/**
 * Reads a pair and makes every picture the viewer offers: RGB, false-colour depth (filled and raw, on one scale),
 * HHA and its channels with the reference parameters and the dataset's camera; for frame pairs, the next frame and
 * the flow (ground truth when the dataset has it, else estimated with Brox) as colour wheel and action tubes.
 * Checks for cancellation between stages, so a superseded pair stops early.
 */
public final class PairContentLoader {
    /** Width of scale bars, in screen pixels. */
    public static final int LEGEND_WIDTH = 360;
    private static final int WHEEL_DIAMETER = 90;
    private static final ThreadLocal<HhaEncoder> ENCODERS = ThreadLocal.withInitial(HhaEncoder::new);

    private PairContentLoader() {
    }

    public static PairContent load(PairedDataset ds, Pair p, Cancellation cancel) throws BadInputException {
        RgbImage rgb = ds.rgb(p);
        Map<Layer, RgbImage> images = new EnumMap<>(Layer.class);
        Map<Layer, RgbImage> legends = new EnumMap<>(Layer.class);
        images.put(Layer.RGB, rgb);
        List<Mark> boxes = boxes(ds, p);
        String description = PairText.describe(p);
        cancel.check();
        if (ds.modality() == Modality.DEPTH) {
            DepthMap depth = ds.depth(p);
            DepthMap raw = ds.rawDepth(p).orElse(null);
            DepthScale scale = DepthScale.of(depth);
            RgbImage bar = DepthPictures.scaleBar(scale, LEGEND_WIDTH);
            images.put(Layer.DEPTH, DepthPictures.colour(depth, scale));
            legends.put(Layer.DEPTH, bar);
            if (raw != null) {
                images.put(Layer.RAW_DEPTH, DepthPictures.colour(raw, scale));
                legends.put(Layer.RAW_DEPTH, bar);
            }
            cancel.check();
            HhaConfig config = HhaConfig.reference(ds.camera().orElse(CameraIntrinsics.nyuColour()));
            HhaResult hha = ENCODERS.get().encode(depth, raw, config);
            images.put(Layer.HHA, hha.hha());
            images.put(Layer.DISPARITY, HhaPictures.channel(hha.hha(), HhaPictures.Channel.DISPARITY));
            images.put(Layer.HEIGHT, HhaPictures.channel(hha.hha(), HhaPictures.Channel.HEIGHT));
            images.put(Layer.ANGLE, HhaPictures.channel(hha.hha(), HhaPictures.Channel.ANGLE));
            legends.put(Layer.DISPARITY, HhaPictures.legend(HhaPictures.Channel.DISPARITY, config, LEGEND_WIDTH));
            legends.put(Layer.HEIGHT, HhaPictures.legend(HhaPictures.Channel.HEIGHT, config, LEGEND_WIDTH));
            legends.put(Layer.ANGLE, HhaPictures.legend(HhaPictures.Channel.ANGLE, config, LEGEND_WIDTH));
            return new PairContent(p, description, rgb.width(), rgb.height(), images, legends, depth, raw, hha, null,
                    null, boxes);
        }
        RgbImage next = ds.next(p);
        images.put(Layer.NEXT_FRAME, next);
        Optional<FlowField> truth = ds.groundTruthFlow(p);
        FlowField flow;
        String source;
        if (truth.isPresent()) {
            flow = truth.get();
            source = "ground truth";
        } else {
            cancel.check();
            FlowConfig config = FlowConfig.defaults(FlowMethod.DIS_FAST); // hundreds of frames/s: browsing stays live
            flow = new FlowEstimator(config).estimate(rgb, next);
            source = "estimated (" + config.method().id() + ")";
        }
        double rim = Math.max(0.5, FlowImages.largestMagnitude(flow));
        images.put(Layer.FLOW_WHEEL, FlowImages.colourWheel(flow, rim));
        images.put(Layer.FLOW_TUBES, FlowImages.actionTubes(flow, FlowImages.ACTION_TUBES_SCALE));
        legends.put(Layer.FLOW_WHEEL, FlowLegend.wheel(WHEEL_DIAMETER, rim));
        legends.put(Layer.FLOW_TUBES, FlowLegend.actionTubes(LEGEND_WIDTH));
        return new PairContent(p, description + " \u00b7 flow: " + source, rgb.width(), rgb.height(), images, legends,
                null, null, null, flow, source, boxes);
    }

    /** Ground-truth boxes as marks: corners are inclusive pixel indices, so the box ends one pixel further. */
    static List<Mark> boxes(PairedDataset ds, Pair p) {
        List<Mark> marks = new ArrayList<>();
        for (ObjectAnnotation o : p.annotation().objects()) {
            marks.add(new Mark.Rect(o.box().x1(), o.box().y1(), o.box().x2() + 1, o.box().y2() + 1, o.className(),
                    ClassPalette.colourOf(o.className(), ds.classes())));
        }
        return marks;
    }
}
