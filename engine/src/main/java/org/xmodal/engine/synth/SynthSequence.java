package org.xmodal.engine.synth;

import java.util.List;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * One generated flow sequence (or action clip) of K frames: the frames (with their ids, true depth and instance
 * ids), and for each of the K - 1 consecutive pairs its id, labelled flag, ground-truth flow and the annotation of
 * its first frame. The whole sequence is in one split, so no scene is both trained and tested on; test sequences
 * are spread evenly over the indices (with a test fraction of 0.25, sequences 3, 7, 11...).
 *
 * @param frameIds the frames' file names without extension ({@code seq-0003-f02}); pair t's id is frame t's
 */
public record SynthSequence(int index, Split split, List<String> frameIds, List<RgbImage> frames,
                            List<DepthMap> trueDepths, List<int[]> instances, List<String> pairIds,
                            List<Boolean> labelled, List<FlowField> flows, List<PairAnnotation> annotations) {
    public SynthSequence {
        frameIds = List.copyOf(frameIds);
        frames = List.copyOf(frames);
        trueDepths = List.copyOf(trueDepths);
        instances = List.copyOf(instances);
        pairIds = List.copyOf(pairIds);
        labelled = List.copyOf(labelled);
        flows = List.copyOf(flows);
        annotations = List.copyOf(annotations);
        if (frameIds.size() != frames.size() || pairIds.size() != frames.size() - 1) {
            throw new IllegalArgumentException(frames.size() + " frames need as many frame ids and one pair id fewer");
        }
    }
}
