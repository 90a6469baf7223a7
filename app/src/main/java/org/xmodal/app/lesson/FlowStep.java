package org.xmodal.app.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import org.xmodal.app.lab.FlowPreview;
import org.xmodal.app.lab.FlowPreviewMaker;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.synth.SynthDatasetWriter;

/**
 * Step 8: the same idea for optical flow. The bundled synthetic video (the rooms' {@code flow/} sequences) and the
 * flow between two of its frames, estimated live (DIS, as the flow presets use), coloured on
 * the usual wheel beside the synthetic ground truth, and as the action-tubes image a flow network takes.
 */
final class FlowStep extends LessonStep {
    private final LessonMaterial material;
    private final Pictures frame = new Pictures("lesson-flow-frame", "Frame t");
    private final Pictures estimate = new Pictures("lesson-flow-estimate", "Flow, estimated");
    private final Pictures truth = new Pictures("lesson-flow-truth", "Flow, ground truth");
    private final Pictures tubes = new Pictures("lesson-flow-tubes", "The flow network's input");

    FlowStep(LessonMaterial material) {
        super("flow", "The same idea for optical flow", "Motion is another modality with few labels and endless "
                + "unlabelled video. Optical flow between two frames is encoded as an image (horizontal motion, "
                + "vertical motion, speed), and the RGB network, looking at the frame, teaches a flow network through "
                + "exactly the same transfer: ./xmodal experiment flow runs it.");
        this.material = material;
    }

    @Override
    protected Node build() {
        return grid(frame, estimate, truth, tubes);
    }

    @Override
    protected void start() {
        Path video = material.rooms().resolve(SynthDatasetWriter.FLOW_FOLDER);
        work(material, "Estimating optical flow", (progress, cancel) -> {
            try (PairedDataset ds = DatasetLoaders.open(video, progress, cancel)) {
                List<Pair> pairs = ds.pairs(Split.TRAIN).isEmpty() ? ds.pairs(Split.TEST) : ds.pairs(Split.TRAIN);
                if (pairs.isEmpty()) {
                    throw new BadInputException(video, "has no frame pairs");
                }
                return FlowPreviewMaker.make(ds, pairs.get(0), FlowConfig.defaults(FlowMethod.DIS_FAST), cancel);
            }
        }, this::show);
    }

    private void show(FlowPreview p) {
        frame.show(p.frame(), "What the RGB teacher sees; the camera moves through a synthetic room.");
        estimate.show(p.estimateWheel(), "From frame t to t+1. Colour is direction, brightness is speed. "
                + p.summary());
        if (p.truthWheel() != null) {
            truth.show(p.truthWheel(), String.format(Locale.ROOT, "The renderer's exact motion: the estimate is off "
                    + "by %.2f px on average.", p.endPointError()));
        }
        tubes.show(p.actionTubes(), "Horizontal and vertical motion and speed as the three channels of an image.");
        ready(true);
    }
}
