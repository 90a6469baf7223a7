package org.xmodal.app.data;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmodal.app.fx.Mark;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.hha.HhaResult;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Everything the pair viewer shows of one pair, computed off the UI thread: a picture per layer (in layer order),
 * a legend for the layers that need one, the measurements the pixel inspector reads, and the ground-truth boxes.
 *
 * @param depth      filled depth in metres, null for flow pairs
 * @param rawDepth   raw sensor depth in metres, null when absent
 * @param hha        the HHA encoding with its by-products, null for flow pairs
 * @param flow       the flow shown, null for depth pairs
 * @param flowSource where the flow comes from ("ground truth", "estimated (brox)")
 */
public record PairContent(Pair pair, String description, int width, int height, Map<Layer, RgbImage> images,
                          Map<Layer, RgbImage> legends, DepthMap depth, DepthMap rawDepth, HhaResult hha,
                          FlowField flow, String flowSource, List<Mark> boxes) {
    public PairContent {
        images = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(images));
        legends = legends.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(legends));
        boxes = List.copyOf(boxes);
    }

    public List<Layer> layers() {
        return List.copyOf(images.keySet());
    }

    public RgbImage image(Layer layer) {
        return images.get(layer);
    }

    public Optional<RgbImage> legend(Layer layer) {
        return Optional.ofNullable(legends.get(layer));
    }
}
