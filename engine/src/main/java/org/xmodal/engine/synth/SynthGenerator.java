package org.xmodal.engine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Makes scene i and sequence i of a synthetic dataset from (seed, i) alone, with no state shared between calls,
 * so scenes may be made in any order on any number of threads and a scene never depends on how many were asked
 * for. Each scene's generator is split, in a fixed order, into independent streams for the layout, the camera,
 * the sensor noise and the split, so that e.g. changing the labelled fraction changes no pixel.
 */
public final class SynthGenerator {
    /** The generator's name in dataset provenance. */
    public static final String NAME = "xmodal synth";
    /** Raised whenever the same configuration would produce different files. */
    public static final int VERSION = 1;

    private final SynthConfig config;
    private final CameraIntrinsics intrinsics;

    public SynthGenerator(SynthConfig config) {
        this.config = config;
        this.intrinsics = CameraIntrinsics.nyuColour().scaledTo(config.width(), config.height());
    }

    public SynthConfig config() {
        return config;
    }

    /** NYU Depth v2's colour camera scaled to the configured size. */
    public CameraIntrinsics intrinsics() {
        return intrinsics;
    }

    public static String sceneId(int index) {
        return String.format(Locale.ROOT, "scene-%06d", index);
    }

    public static String frameId(int sequence, int frame) {
        return String.format(Locale.ROOT, "seq-%04d-f%02d", sequence, frame);
    }

    public SynthScene scene(int index) {
        checkIndex(index, config.scenes(), "scene");
        SplittableRandom root = SceneSeeds.random(config.seed(), SceneSeeds.DEPTH_SCENES, index);
        SplittableRandom layout = root.split();
        SplittableRandom cameraRandom = root.split();
        SplittableRandom noise = root.split();
        Assignment assignment = assign(root.split());

        Scene scene = RoomFurnisher.furnish(layout, pickKind(layout, config.sceneKinds()));
        SynthCamera camera = CameraPlacer.place(cameraRandom, scene, intrinsics);
        RenderedFrame frame = SceneRenderer.render(scene, camera);
        DepthMap raw = KinectNoiseModel.raw(frame, intrinsics.fx(), noise);
        DepthMap filled = DepthFiller.fill(raw, (float) KinectNoiseModel.MAX_RANGE);
        return new SynthScene(sceneId(index), assignment.split(), assignment.labelled(), frame.image(),
                frame.trueDepth(), raw, filled, frame.instances().clone(), annotate(scene, camera, frame));
    }

    /** Split and labelled flag of scene i, without rendering it (they come from the scene's fourth stream). */
    public Assignment assignment(int index) {
        checkIndex(index, config.scenes(), "scene");
        SplittableRandom root = SceneSeeds.random(config.seed(), SceneSeeds.DEPTH_SCENES, index);
        root.split();
        root.split();
        root.split();
        return assign(root.split());
    }

    /** Which split a scene is in, and whether its annotations may be used for training. */
    public record Assignment(Split split, boolean labelled) {
    }

    private Assignment assign(SplittableRandom rng) {
        boolean test = rng.nextDouble() < config.testFraction();
        boolean labelled = rng.nextDouble() < config.labelledFraction() || test;
        return new Assignment(test ? Split.TEST : Split.TRAIN, labelled);
    }

    public SynthSequence sequence(int index) {
        checkIndex(index, config.flowSequences(), "sequence");
        SplittableRandom root = SceneSeeds.random(config.seed(), SceneSeeds.FLOW_SEQUENCES, index);
        SplittableRandom layout = root.split();
        SplittableRandom cameraRandom = root.split();
        SplittableRandom motionRandom = root.split();
        SplittableRandom assignment = root.split();

        Scene scene = RoomFurnisher.furnish(layout, pickKind(layout, config.sceneKinds()));
        SynthCamera camera = CameraPlacer.place(cameraRandom, scene, intrinsics);
        int k = config.framesPerSequence();
        SequenceMotion motion = SequenceMotion.draw(motionRandom, scene, camera, k);
        List<RenderedFrame> rendered = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            rendered.add(SceneRenderer.render(motion.sceneAt(t), motion.cameraAt(t)));
        }
        // Sequences are few, so the test ones are spread evenly (every fourth at 0.25) rather than drawn.
        double share = config.testFraction();
        boolean test = Math.floor((index + 1) * share) > Math.floor(index * share);
        List<String> frameIds = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            frameIds.add(frameId(index, t));
        }
        List<String> ids = new ArrayList<>();
        List<Boolean> labelled = new ArrayList<>();
        List<FlowField> flows = new ArrayList<>();
        List<PairAnnotation> annotations = new ArrayList<>();
        for (int t = 0; t + 1 < k; t++) {
            ids.add(frameIds.get(t));
            labelled.add(assignment.nextDouble() < config.labelledFraction() || test);
            flows.add(GroundTruthFlow.between(rendered.get(t), motion.sceneAt(t), motion.sceneAt(t + 1),
                    motion.cameraAt(t + 1)));
            annotations.add(annotate(motion.sceneAt(t), motion.cameraAt(t), rendered.get(t)));
        }
        List<RgbImage> frames = rendered.stream().map(RenderedFrame::image).toList();
        List<DepthMap> depths = rendered.stream().map(RenderedFrame::trueDepth).toList();
        List<int[]> instances = rendered.stream().map(f -> f.instances().clone()).toList();
        return new SynthSequence(index, test ? Split.TEST : Split.TRAIN, frameIds, frames, depths, instances, ids,
                labelled, flows, annotations);
    }

    /** One of the first {@code n} kinds (with the classic five, the draw of every earlier version). */
    static SceneKind pickKind(SplittableRandom rng, int n) {
        return SceneKind.values()[rng.nextInt(n)];
    }

    static PairAnnotation annotate(Scene scene, SynthCamera camera, RenderedFrame frame) {
        return annotate(scene.kind().id(), scene, camera, frame);
    }

    /** The frame's object boxes and camera pose, under the scene class {@code sceneClass}. */
    static PairAnnotation annotate(String sceneClass, Scene scene, SynthCamera camera, RenderedFrame frame) {
        List<String> classes = scene.objects().stream().map(SceneObject::className).toList();
        return new PairAnnotation(sceneClass,
                InstanceBoxes.boxes(frame.instances(), frame.width(), frame.height(), classes), camera.pose());
    }

    static void checkIndex(int index, int count, String what) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(what + " index " + index + " is outside 0.." + (count - 1));
        }
    }
}
