package org.xmodal.engine.transfer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkTeacher;
import org.xmodal.engine.nn.Teacher;
import org.xmodal.engine.nn.TorchScriptTeacher;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;

/** Opens the teacher a run spec names: a trained network (file or run), a TorchScript file, or a random network. */
public final class Teachers {
    /** Where every finished run leaves the weights of the network it trained (student or teacher). */

    private Teachers() {
    }

    public static Teacher open(RunSpec.Teacher t, Shape input, Shape studentTap, long seed, Device device,
                               NDManager manager) throws IOException {
        String tap = t.tap() == null ? "pool5" : t.tap();
        switch (t.source()) {
            case NETWORK: {
                Path weights = weightsOf(Path.of(t.weights()));
                return NetworkTeacher.fromCheckpoint(t.architecture(), 3, weights, tap, device);
            }
            case TORCHSCRIPT: {
                TorchScriptTeacher ts = TorchScriptTeacher.load(Path.of(t.weights()), device);
                try {
                    ts.validateAgainst(input, studentTap);
                } catch (IOException | RuntimeException e) {
                    ts.close();
                    throw e;
                }
                return ts;
            }
            case RANDOM: {
                FeatureNetwork net = NetworkFactory.create(t.architecture(), 3, 0);
                net.initializeUpTo(manager, input, seed + 7919, tap);
                return NetworkTeacher.of(net, tap, device);
            }
            default:
                throw new IllegalArgumentException("unknown teacher source " + t.source());
        }
    }

    /**
     * A weights file as given, or the weights a run directory produced: its final weights, else the student or
     * network parameters in its latest checkpoint.
     */
    public static Path weightsOf(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (Files.isDirectory(p)) {
            Path result = p.resolve(RunSession.RESULT_WEIGHTS);
            if (Files.isRegularFile(result)) {
                return result;
            }
            RunDirectory run = RunDirectory.open(p);
            var latest = run.latestCheckpointStep();
            if (latest.isPresent()) {
                return run.checkpoint(latest.get());
            }
            throw new BadInputException(p, "is a run without weights yet (no " + RunSession.RESULT_WEIGHTS + ", no checkpoint)");
        }
        Path named = newestFinishedRunNamed(p);
        if (named != null) {
            return weightsOf(named);
        }
        throw new BadInputException(p, "does not exist (expected a weights file, a run directory, or the name of a "
                + "finished run in that folder)");
    }

    /**
     * The weights a spec's field names: a file, a run folder, or {@code runs/<name>} for the newest finished run of
     * that name (which is not itself a path that exists, so existence alone cannot be the test).
     *
     * @throws BadInputException naming the path and the field when it is none of these
     */
    public static Path weightsFor(String path, String field) throws IOException {
        Path p = Path.of(path);
        try {
            return weightsOf(p);
        } catch (BadInputException e) {
            if (Files.exists(p)) {
                throw e; // a run folder without weights yet, say: its own message
            }
            throw new BadInputException(path, "does not exist (the spec's " + field + "; nor is there a finished run "
                    + "of that name in " + p.toAbsolutePath().getParent() + ")", e);
        }
    }

    /** {@code runs/rgb-teacher} stands for the newest finished run {@code runs/<time>-rgb-teacher}. */
    private static Path newestFinishedRunNamed(Path p) throws IOException {
        Path root = p.toAbsolutePath().getParent();
        if (root == null || !Files.isDirectory(root)) {
            return null;
        }
        String suffix = "-" + p.getFileName();
        for (RunDirectory run : RunDirectory.list(root)) {
            if (run.id().endsWith(suffix) && run.status().state() == org.xmodal.engine.run.RunStatus.State.FINISHED) {
                return run.path();
            }
        }
        return null;
    }
}
