package org.xmodal.engine.synth;

import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;

/**
 * One generated RGB-D scene. The true depth is what the renderer computed; only the raw (sensor-like) and filled
 * depth are written to disk.
 *
 * @param instances per pixel, 0 for the room and object index + 1 for furniture
 */
public record SynthScene(String id, Split split, boolean labelled, RgbImage rgb, DepthMap trueDepth, DepthMap rawDepth,
                         DepthMap filledDepth, int[] instances, PairAnnotation annotation) {
}
