package org.xmodal.engine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.GroupSplit;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Makes the action clips of {@code xmodal synth --actions N}: clip j of each {@link ActionKind}, K frames of a
 * furnished room ({@link RoomFurnisher}, the camera placed by {@link CameraPlacer}) in which the class's motion
 * happens ({@link ActionMotion}), with the exact flow between consecutive frames. A clip comes from (seed, class, j)
 * alone, through its own generator split into streams for the room, the camera, the motion, the hand-held drift
 * and the labelled flag, so it is the same whatever N and whichever thread makes it. A room the class cannot be
 * shown in (no light object in view, or none free to move) is replaced by the next room its streams give.
 */
public final class ActionClipGenerator {
    /** Rooms tried for one clip before giving up; a class that needs this many is broken, not unlucky. */
    static final int MAX_ROOMS = 200;

    private final SynthConfig config;
    private final CameraIntrinsics intrinsics;

    public ActionClipGenerator(SynthConfig config) {
        this.config = config;
        this.intrinsics = CameraIntrinsics.nyuColour().scaledTo(config.width(), config.height());
    }

    public SynthConfig config() {
        return config;
    }

    /**
     * The number of clip j of a class: clips are numbered class by class within each j, so a clip's number does not
     * depend on how many clips there are.
     */
    public static int clipNumber(ActionKind kind, int clip) {
        return clip * ActionKind.values().length + kind.ordinal();
    }

    public static String clipId(int number) {
        return String.format(Locale.ROOT, "clip-%04d", number);
    }

    /** Frame t of a clip, which is also the id of the pair (t, t + 1): data.Clips reads the clip back from it. */
    public static String frameId(int number, int frame) {
        return String.format(Locale.ROOT, "%s-f%02d", clipId(number), frame);
    }

    /**
     * Clip j's split and labelled flag. Clips are split within each class by their j ({@link GroupSplit}), so
     * every class has test clips once there are enough of them (4 at a test fraction of 0.25) and a clip's pairs
     * are never on both sides; train clips are labelled with the labelled fraction's chance, test clips always.
     */
    public SynthGenerator.Assignment assignment(ActionKind kind, int clip) {
        checkClip(clip);
        SplittableRandom root = root(kind, clip);
        for (int stream = 0; stream < 4; stream++) {
            root.split();
        }
        return assign(clip, root.split());
    }

    /** Clip j of class {@code kind}, filmed by hand. */
    public SynthSequence clip(ActionKind kind, int clip) {
        return clip(kind, clip, true);
    }

    /** Clip j of class {@code kind}; without {@code handHeld}, the object classes' camera stands still. */
    SynthSequence clip(ActionKind kind, int clip, boolean handHeld) {
        checkClip(clip);
        SplittableRandom root = root(kind, clip);
        ActionMotion motion = motion(kind, root, handHeld);
        SynthGenerator.Assignment assignment = assign(clip, root.split());
        int number = clipNumber(kind, clip);
        int k = motion.frames();
        List<RenderedFrame> rendered = new ArrayList<>();
        List<String> frameIds = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            rendered.add(SceneRenderer.render(motion.sceneAt(t), motion.cameraAt(t)));
            frameIds.add(frameId(number, t));
        }
        List<Boolean> labelled = new ArrayList<>();
        List<FlowField> flows = new ArrayList<>();
        List<PairAnnotation> annotations = new ArrayList<>();
        for (int t = 0; t + 1 < k; t++) {
            labelled.add(assignment.labelled());
            flows.add(GroundTruthFlow.between(rendered.get(t), motion.sceneAt(t), motion.sceneAt(t + 1),
                    motion.cameraAt(t + 1)));
            annotations.add(SynthGenerator.annotate(kind.id(), motion.sceneAt(t), motion.cameraAt(t),
                    rendered.get(t)));
        }
        List<RgbImage> frames = rendered.stream().map(RenderedFrame::image).toList();
        List<DepthMap> depths = rendered.stream().map(RenderedFrame::trueDepth).toList();
        List<int[]> instances = rendered.stream().map(f -> f.instances().clone()).toList();
        return new SynthSequence(number, assignment.split(), frameIds, frames, depths, instances,
                frameIds.subList(0, k - 1), labelled, flows, annotations);
    }

    /** The motion of clip j (without rendering it): the scenes, cameras and moved objects of its frames. */
    ActionMotion motion(ActionKind kind, int clip, boolean handHeld) {
        checkClip(clip);
        return motion(kind, root(kind, clip), handHeld);
    }

    /** Draws rooms from the clip's streams until one can show the class; takes the first four streams of root. */
    private ActionMotion motion(ActionKind kind, SplittableRandom root, boolean handHeld) {
        SplittableRandom layout = root.split();
        SplittableRandom cameraRandom = root.split();
        SplittableRandom motionRandom = root.split();
        SplittableRandom drift = root.split();
        for (int room = 0; room < MAX_ROOMS; room++) {
            Scene scene = RoomFurnisher.furnish(layout, SynthGenerator.pickKind(layout, config.sceneKinds()));
            SynthCamera camera = CameraPlacer.place(cameraRandom, scene, intrinsics);
            ActionMotion motion = ActionMotion.draw(motionRandom, kind, scene, camera, config.framesPerSequence());
            if (motion != null) {
                return handHeld ? motion.handHeld(drift) : motion;
            }
        }
        throw new IllegalStateException("none of " + MAX_ROOMS + " rooms drawn could show a '" + kind.id() + "' clip");
    }

    private SplittableRandom root(ActionKind kind, int clip) {
        return SceneSeeds.random(config.seed(), SceneSeeds.ACTION_CLIPS, clipNumber(kind, clip));
    }

    private SynthGenerator.Assignment assign(int clip, SplittableRandom rng) {
        Split split = GroupSplit.of(clip, config.testFraction());
        boolean labelled = rng.nextDouble() < config.labelledFraction() || split == Split.TEST;
        return new SynthGenerator.Assignment(split, labelled);
    }

    private void checkClip(int clip) {
        SynthGenerator.checkIndex(clip, config.actions(), "action clip");
    }
}
