package org.xmodal.engine.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that decides the content of a synthetic dataset. Two runs with equal configs write byte-identical
 * files; how many threads did the work is deliberately not part of it.
 *
 * @param seed               the dataset seed; scene i is derived from (seed, i) alone
 * @param scenes             still RGB-D scenes, 1 to 999,999
 * @param width              image width in pixels
 * @param height             image height in pixels
 * @param flowSequences      moving-camera sequences for the flow dataset, 0 to 9,999
 * @param framesPerSequence  frames per sequence, 2 to 99 (a sequence gives frames - 1 flow pairs)
 * @param labelledFraction   fraction of train pairs whose annotations may be used (test pairs are all labelled)
 * @param testFraction       fraction of scenes (drawn per scene) and of sequences (spread evenly) in the test split
 * @param sceneKinds         how many scene classes scenes are drawn from: the classic 5 (the default), up to 10
 * @param taskIrrelevant     scene classes marked task-irrelevant (SOCKET's paired data of other classes); none by
 *                           default
 * @param actions            action clips per action class, 0 to 9,999 (each of {@code framesPerSequence} frames);
 *                           with them, or with flow sequences, the RGB-D scenes may be left out (0)
 */
public record SynthConfig(long seed, int scenes, int width, int height, int flowSequences, int framesPerSequence,
                          double labelledFraction, double testFraction, int sceneKinds, List<String> taskIrrelevant,
                          int actions) {
    /** The classic five scene classes (bedroom, living room, office, bathroom, kitchen): the default. */
    public static final int CLASSIC_SCENE_KINDS = SceneKind.CLASSIC;
    /** Every scene class synth can draw. */
    public static final int ALL_SCENE_KINDS = SceneKind.values().length;

    /** The ids of the first {@code n} scene classes, in the order synth draws them. */
    public static List<String> sceneKindIds(int n) {
        return SceneKind.ids(n);
    }

    public static final int MAX_SCENES = 999_999;
    public static final int MAX_SEQUENCES = 9_999;
    public static final int MAX_ACTIONS = 9_999;
    public static final int MAX_FRAMES = 99;
    public static final int MIN_SIDE = 32;
    public static final int MAX_SIDE = 4096;

    public SynthConfig(long seed, int scenes, int width, int height, int flowSequences, int framesPerSequence,
                       double labelledFraction, double testFraction) {
        this(seed, scenes, width, height, flowSequences, framesPerSequence, labelledFraction, testFraction,
                SceneKind.CLASSIC, List.of());
    }

    /** Without action clips. */
    public SynthConfig(long seed, int scenes, int width, int height, int flowSequences, int framesPerSequence,
                       double labelledFraction, double testFraction, int sceneKinds, List<String> taskIrrelevant) {
        this(seed, scenes, width, height, flowSequences, framesPerSequence, labelledFraction, testFraction,
                sceneKinds, taskIrrelevant, 0);
    }

    public SynthConfig {
        taskIrrelevant = taskIrrelevant == null ? List.of() : List.copyOf(taskIrrelevant);
        if (sceneKinds < 2 || sceneKinds > SceneKind.values().length) {
            throw new IllegalArgumentException("--scene-kinds must be between 2 and " + SceneKind.values().length
                    + ", got " + sceneKinds);
        }
        List<String> kinds = SceneKind.ids(sceneKinds);
        for (String t : taskIrrelevant) {
            if (!kinds.contains(t)) {
                throw new IllegalArgumentException("--task-irrelevant: '" + t + "' is not one of the " + sceneKinds
                        + " scene classes drawn (" + String.join(", ", kinds) + ")");
            }
        }
        if (taskIrrelevant.size() >= sceneKinds) {
            throw new IllegalArgumentException("--task-irrelevant marks every scene class; at least one must stay "
                    + "task-relevant");
        }
        if (actions < 0 || actions > MAX_ACTIONS) {
            throw new IllegalArgumentException("--actions must be between 1 and " + MAX_ACTIONS
                    + " clips per class, got " + actions);
        }
        boolean scenesOptional = flowSequences > 0 || actions > 0;
        if (scenes < (scenesOptional ? 0 : 1) || scenes > MAX_SCENES) {
            throw new IllegalArgumentException("--scenes must be between 1 and " + MAX_SCENES + ", got " + scenes);
        }
        if (scenes == 0 && flowSequences > 0 && actions > 0) {
            throw new IllegalArgumentException("--flow-sequences and --actions without --scenes would both be written"
                    + " into --out; add --scenes (they then go to OUT/flow and OUT/actions) or write them in two runs");
        }
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("--size must be between " + MIN_SIDE + " and " + MAX_SIDE
                    + " pixels on each side, got " + width + "x" + height);
        }
        if (flowSequences < 0 || flowSequences > MAX_SEQUENCES) {
            throw new IllegalArgumentException("--flow-sequences must be between 0 and " + MAX_SEQUENCES + ", got "
                    + flowSequences);
        }
        if (framesPerSequence < 2 || framesPerSequence > MAX_FRAMES) {
            throw new IllegalArgumentException("--frames must be between 2 and " + MAX_FRAMES + ", got "
                    + framesPerSequence);
        }
        if (!(labelledFraction >= 0 && labelledFraction <= 1)) {
            throw new IllegalArgumentException("--labelled-fraction must be between 0 and 1, got " + labelledFraction);
        }
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("--test-fraction must be between 0 and 1, got " + testFraction);
        }
    }

    /** The defaults of {@code xmodal synth} for everything but the seed and the number of scenes. */
    public static SynthConfig of(long seed, int scenes) {
        return new SynthConfig(seed, scenes, 160, 120, 0, 5, 0.2, 0.25);
    }

    public SynthConfig withSize(int newWidth, int newHeight) {
        return new SynthConfig(seed, scenes, newWidth, newHeight, flowSequences, framesPerSequence, labelledFraction,
                testFraction, sceneKinds, taskIrrelevant, actions);
    }

    public SynthConfig withFlow(int sequences, int frames) {
        return new SynthConfig(seed, scenes, width, height, sequences, frames, labelledFraction, testFraction,
                sceneKinds, taskIrrelevant, actions);
    }

    public SynthConfig withFractions(double labelled, double test) {
        return new SynthConfig(seed, scenes, width, height, flowSequences, framesPerSequence, labelled, test,
                sceneKinds, taskIrrelevant, actions);
    }

    /** Scenes drawn from the first {@code n} scene classes, {@code irrelevant} of them marked task-irrelevant. */
    public SynthConfig withSceneKinds(int n, List<String> irrelevant) {
        return new SynthConfig(seed, scenes, width, height, flowSequences, framesPerSequence, labelledFraction,
                testFraction, n, irrelevant, actions);
    }

    /** With {@code n} action clips per action class ({@code --actions}), and {@code newScenes} RGB-D scenes. */
    public SynthConfig withActions(int n, int newScenes) {
        return new SynthConfig(seed, newScenes, width, height, flowSequences, framesPerSequence, labelledFraction,
                testFraction, sceneKinds, taskIrrelevant, n);
    }

    /** The scene classes scenes are drawn from. */
    public List<String> sceneClasses() {
        return SceneKind.ids(sceneKinds);
    }

    /** The command line that reproduces this dataset (without the output folder, which does not change it). */
    public String command() {
        // Unchanged for datasets without action clips, so that their manifests stay byte for byte what they were.
        return String.format(Locale.ROOT, "xmodal synth --seed %d%s --size %dx%d --flow-sequences %d --frames %d"
                        + " --labelled-fraction %s --test-fraction %s", seed, scenes > 0 ? " --scenes " + scenes : "",
                width, height, flowSequences, framesPerSequence, Double.toString(labelledFraction),
                Double.toString(testFraction))
                + (actions > 0 ? " --actions " + actions : "")
                + (sceneKinds == SceneKind.CLASSIC ? "" : " --scene-kinds " + sceneKinds)
                + (taskIrrelevant.isEmpty() ? "" : " --task-irrelevant " + String.join(",", taskIrrelevant));
    }

    /** What the manifest records about how the data was made. */
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("generator", SynthGenerator.NAME);
        p.put("generatorVersion", SynthGenerator.VERSION);
        p.put("command", command());
        p.put("seed", seed);
        p.put("scenes", scenes);
        p.put("width", width);
        p.put("height", height);
        p.put("flowSequences", flowSequences);
        p.put("framesPerSequence", framesPerSequence);
        p.put("labelledFraction", labelledFraction);
        p.put("testFraction", testFraction);
        if (actions > 0) {
            p.put("actionClipsPerClass", actions);
        }
        if (sceneKinds != SceneKind.CLASSIC) {
            p.put("sceneKinds", sceneKinds);
        }
        if (!taskIrrelevant.isEmpty()) {
            p.put("taskIrrelevant", taskIrrelevant);
        }
        p.put("depthNoise", "Kinect v1 model: Gaussian sigma 1.425e-3 Z^2 m (Khoshelham & Elberink 2012), disparity"
                + " quantised to 1/8 px (baseline 7.5 cm, focal 580 px), no reading below 0.5 m, beyond 8 m, at"
                + " grazing angles, on most of very dark surfaces, at half the pixels of depth edges and in the IR"
                + " projector's shadow");
        p.put("depthFill", "holes filled along rows (then columns) from the nearest readings on both sides: linearly"
                + " when both are on the same surface (within 5%), else with the farther (background) side");
        return p;
    }
}
