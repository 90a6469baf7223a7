package org.xmodal.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xmodal.engine.data.GroupSplit;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.synth.ActionKind;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal synth}: writes a synthetic paired dataset, byte-identical for the same arguments. */
@Command(name = "synth", mixinStandardHelpOptions = true, versionProvider = XmodalCli.Version.class,
        description = {"Writes a synthetic RGB-D dataset of furnished rooms (Kinect-like raw and filled depth, boxes of"
                + " the 19 NYUD2 classes, instance masks, camera pose) and optionally RGB frame pairs with"
                + " ground-truth optical flow in DIR/flow, and action clips (RGB frames with exact flow, 9 motion"
                + " classes) in DIR/actions; without --scenes, the flow sequences or the action clips go in DIR"
                + " itself.",
                "The same arguments always give byte-identical files, whatever --threads."})
public final class SynthCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (new or empty)")
    Path out;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "dataset seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scenes", paramLabel = "N",
            description = "number of RGB-D scenes (required unless --actions or --flow-sequences is given)")
    Integer scenes;

    @Option(names = "--size", defaultValue = "160x120", paramLabel = "WxH",
            description = "image size in pixels (default ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--flow-sequences", defaultValue = "0", paramLabel = "N",
            description = "moving-camera sequences with ground-truth flow, written to DIR/flow (default ${DEFAULT-VALUE})")
    int flowSequences;

    @Option(names = "--frames", defaultValue = "5", paramLabel = "K",
            description = "frames per flow sequence and per action clip, giving K-1 pairs "
                    + "(default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--actions", paramLabel = "N",
            description = "N action clips per class (push-left, push-right, lift, fall, rotate, pan, tilt, zoom, "
                    + "approach): furnished rooms in which an object or the camera moves, with exact flow, split by "
                    + "clip within each class; written to DIR/actions, or DIR without --scenes")
    Integer actions;

    @Option(names = "--labelled-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "fraction of train pairs marked labelled; test pairs always are; 1 labels every train "
                    + "pair (default ${DEFAULT-VALUE})")
    double labelledFraction;

    @Option(names = "--test-fraction", defaultValue = "0.25", paramLabel = "F",
            description = "fraction of scenes and sequences in the test split (default ${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--scene-kinds", defaultValue = "5", paramLabel = "N",
            description = "scene classes scenes are drawn from: the classic 5 (bedroom, living room, office, bathroom, "
                    + "kitchen), or up to 10 (+ dining room, classroom, library, conference room, study), each with "
                    + "its own furniture mix (default ${DEFAULT-VALUE})")
    int sceneKinds;

    @Option(names = "--task-irrelevant", split = ",", paramLabel = "CLASS",
            description = "scene classes to mark task-irrelevant in dataset.json (SOCKET's paired data of other "
                    + "classes), e.g. dining_room,classroom,library")
    java.util.List<String> taskIrrelevant;

    @Option(names = "--corrupt", paramLabel = "F",
            description = "noisy pairs: spoil the RGB image (the teacher's view) of this fraction of the RGB-D train "
                    + "pairs, chosen by --seed, recording how in dataset.json (as 'xmodal dataset corrupt' does; test "
                    + "pairs and the flow sequences stay clean)")
    Double corrupt;

    @Option(names = "--corruptions", split = ",", paramLabel = "KINDS",
            description = "with --corrupt: the kinds drawn from, some of shift, neighbour, occlusion, blank, swap "
                    + "(default: all)")
    java.util.List<String> corruptions;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--force", description = "replace an earlier synth dataset in DIR")
    boolean force;

    @Override
    public Integer call() throws Exception {
        int[] wh = parseSize(size);
        if (actions != null && (actions < 1 || actions > SynthConfig.MAX_ACTIONS)) {
            throw new IllegalArgumentException("--actions must be between 1 and " + SynthConfig.MAX_ACTIONS
                    + " clips per class, got " + actions);
        }
        if (scenes == null && actions == null && flowSequences == 0) {
            throw new IllegalArgumentException("--scenes N is required (the number of RGB-D scenes) unless --actions "
                    + "or --flow-sequences is given");
        }
        SynthConfig config = new SynthConfig(seed, scenes == null ? 0 : scenes, wh[0], wh[1], flowSequences, frames,
                labelledFraction, testFraction, sceneKinds,
                taskIrrelevant == null ? List.of() : taskIrrelevant, actions == null ? 0 : actions);
        if (corrupt == null && corruptions != null) {
            throw new IllegalArgumentException("--corruptions only says which kinds --corrupt draws from; add "
                    + "--corrupt F (the fraction of train pairs to corrupt)");
        }
        SynthDatasetWriter.Corrupting corrupting = corrupt == null ? null
                : new SynthDatasetWriter.Corrupting(corrupt, DatasetCorruptCommand.kinds(corruptions, "--corruptions"));
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        TerminalProgress progress = new TerminalProgress("synth", spec.commandLine().getErr());
        SynthDatasetWriter.Summary s;
        try {
            s = SynthDatasetWriter.write(config, out, force, workers, progress, new Cancellation(), corrupting);
        } finally {
            progress.done();
        }
        double seconds = s.elapsed().toNanos() / 1e9;
        int rendered = s.depthPairs() + (flowSequences + s.actionClips()) * frames;
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "synth: %s written to %s in %.1f s (%.1f MB,"
                + " %.1f frames/s)", written(s), out, seconds, s.bytes() / 1e6, rendered / seconds));
        if (s.actionClips() > 0) {
            printActions(config, s);
        }
        if (s.corruption() != null) {
            spec.commandLine().getOut().println("corrupt: " + s.corruption().total() + " of "
                    + s.corruption().trainPairs() + " train pairs of the RGB-D scenes corrupted (seed " + seed + ")");
            DatasetCorruptCommand.printCounts(spec.commandLine().getOut(), s.corruption(), corrupting.kinds());
        }
        return 0;
    }

    /** What was written, as "3 RGB-D scenes and 8 flow pairs". */
    private static String written(SynthDatasetWriter.Summary s) {
        List<String> parts = new ArrayList<>();
        if (s.depthPairs() > 0) {
            parts.add(s.depthPairs() + " RGB-D scenes");
        }
        if (s.flowPairs() > 0) {
            parts.add(s.flowPairs() + " flow pairs");
        }
        if (s.actionClips() > 0) {
            parts.add(s.actionClips() + " action clips");
        }
        int last = parts.size() - 1;
        return last == 0 ? parts.get(0) : String.join(", ", parts.subList(0, last)) + " and " + parts.get(last);
    }

    private void printActions(SynthConfig config, SynthDatasetWriter.Summary s) {
        int classes = ActionKind.values().length;
        int testPerClass = 0;
        for (int j = 0; j < config.actions(); j++) {
            testPerClass += GroupSplit.of(j, config.testFraction()) == Split.TEST ? 1 : 0;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(String.format(Locale.ROOT, "actions: %d clips (%d classes x %d: %s), %d pairs of %d frames each, "
                        + "%d train and %d test clips, in %s", s.actionClips(), classes, config.actions(),
                String.join(", ", ActionKind.ids()), s.actionPairs(), config.framesPerSequence(),
                (config.actions() - testPerClass) * classes, testPerClass * classes,
                SynthDatasetWriter.actionsFolder(config, out)));
        if (testPerClass == 0 && config.testFraction() > 0) {
            o.println(String.format(Locale.ROOT, "actions: no test clips; at --test-fraction %s a class needs %d "
                            + "clips for one to be a test clip", Double.toString(config.testFraction()),
                    firstTestClip(config)));
        }
    }

    /** How many clips per class give the first test clip (GroupSplit spreads them evenly); the fraction is above 0. */
    private static int firstTestClip(SynthConfig config) {
        int j = 0;
        while (GroupSplit.of(j, config.testFraction()) != Split.TEST) {
            j++;
        }
        return j + 1;
    }

    static int[] parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, e.g. 160x120, got '" + text + "'");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
