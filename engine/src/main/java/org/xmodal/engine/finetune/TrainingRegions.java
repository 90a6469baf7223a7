package org.xmodal.engine.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.regions.Region;
import org.xmodal.engine.regions.RegionImages;

/**
 * The labelled regions a region classifier is fine-tuned on. For detection (Fast R-CNN's rules): foreground is
 * every ground-truth box and every proposal with IoU &gt;= 0.5 to a ground-truth box, labelled with that box's class;
 * background (label 0) is every proposal whose best IoU with the ground truth is in [0.1, 0.5), the lower bound
 * dropped when that leaves fewer than {@code minBackground} regions. Class {@code c} of {@code classes} is label
 * {@code c + 1}. For region classification only the ground-truth boxes are used, class {@code c} is label {@code c}
 * and there is no background. {@link Region#pair()} indexes the list of pairs given.
 *
 * @param widenedBackground whether background had to include proposals that touch no object
 */
record TrainingRegions(List<Region> foreground, List<Region> background, boolean widenedBackground) {
    static final double FOREGROUND_IOU = 0.5;
    static final double BACKGROUND_IOU_LOW = 0.1;

    TrainingRegions {
        foreground = List.copyOf(foreground);
        background = List.copyOf(background);
    }

    /** Ground-truth boxes only, labels 0..K-1: the region-classification task. */
    static TrainingRegions groundTruth(List<Pair> pairs, List<String> classes) {
        List<Region> fg = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (ObjectAnnotation o : pairs.get(i).annotation().objects()) {
                int c = classes.indexOf(o.className());
                if (c >= 0) {
                    fg.add(new Region(i, o.box(), c));
                }
            }
        }
        return new TrainingRegions(fg, List.of(), false);
    }

    /**
     * Scene classification as region classification: each pair's whole image is one region, labelled with its scene
     * class (index in {@code sceneClasses}); pairs without a scene class are left out.
     */
    static TrainingRegions scenes(List<Pair> pairs, List<String> sceneClasses, RegionImages images) {
        List<Region> fg = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int c = pairs.get(i).annotation().scene().map(sceneClasses::indexOf).orElse(-1);
            if (c >= 0) {
                fg.add(new Region(i, wholeImage(images, i), c));
            }
        }
        return new TrainingRegions(fg, List.of(), false);
    }

    /** The box of image {@code image}'s every pixel. */
    static Box wholeImage(RegionImages images, int image) {
        return new Box(0, 0, images.width(image) - 1, images.height(image) - 1);
    }

    /**
     * Detection regions from ground truth and each pair's first {@code top} proposals (objects of classes outside
     * {@code classes} are ignored: their proposals count as background).
     */
    static TrainingRegions detection(List<Pair> pairs, Map<String, List<Box>> proposals, List<String> classes,
                                     int top, int minBackground) {
        List<Region> fg = new ArrayList<>();
        List<Region> near = new ArrayList<>();
        List<Region> far = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            List<ObjectAnnotation> objects = p.annotation().objects().stream()
                    .filter(o -> classes.contains(o.className())).toList();
            for (ObjectAnnotation o : objects) {
                fg.add(new Region(i, o.box(), classes.indexOf(o.className()) + 1));
            }
            List<Box> boxes = proposals.getOrDefault(p.id(), List.of());
            for (Box b : boxes.subList(0, Math.min(top, boxes.size()))) {
                double best = 0;
                ObjectAnnotation match = null;
                for (ObjectAnnotation o : objects) {
                    double iou = b.iou(o.box());
                    if (iou > best) {
                        best = iou;
                        match = o;
                    }
                }
                if (best >= FOREGROUND_IOU) {
                    fg.add(new Region(i, b, classes.indexOf(match.className()) + 1));
                } else if (best >= BACKGROUND_IOU_LOW) {
                    near.add(new Region(i, b, 0));
                } else {
                    far.add(new Region(i, b, 0));
                }
            }
        }
        if (near.size() >= minBackground) {
            return new TrainingRegions(fg, near, false);
        }
        List<Region> all = new ArrayList<>(near);
        all.addAll(far);
        return new TrainingRegions(fg, all, true);
    }
}
