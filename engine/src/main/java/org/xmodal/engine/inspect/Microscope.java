package org.xmodal.engine.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.transfer.TransferMicroscope;

/**
 * A {@link TransferMicroscope} kept open in the inspection process between requests (the lesson's SGD steps taken by
 * hand): one at a time, named by a session number that a newer one replaces.
 */
public final class Microscope implements AutoCloseable {
    /** Opens the microscope on the first {@code batchSize} training pairs of {@code spec}'s transfer. */
    public record Open(RunSpec spec, int batchSize, Path encodingCache) implements Question {
    }

    /** One SGD step at {@code learningRate} in session {@code session}. */
    public record TakeStep(long session, double learningRate) implements Question {
    }

    public record Close(long session) implements Question {
    }

    /** The batch, each pair as the teacher and the student see it, and its loss before any step. */
    public record Opened(long session, List<RgbImage[]> images, double loss) implements Reply {
    }

    public record Stepped(TransferMicroscope.Step step) implements Reply {
    }

    public record Closed() implements Reply {
    }

    private TransferMicroscope open;
    private long session;

    Opened open(Open o) throws IOException {
        close();
        InferenceThread.prepare();
        // gradients are recorded inside each step (its collector turns them on), whatever the thread's mode
        open = TransferMicroscope.open(o.spec(), o.batchSize(), new EncodingCache(o.encodingCache()),
                ProgressListener.NONE, Cancellation.NEVER);
        session++;
        return new Opened(session, open.images(), open.loss());
    }

    Stepped step(TakeStep s) {
        if (open == null || s.session() != session) {
            throw new IllegalStateException("that microscope was closed (a newer one was opened, or the process "
                    + "started again): open it again");
        }
        return new Stepped(open.step(s.learningRate()));
    }

    Closed close(Close c) {
        if (c.session() == session) {
            close();
        }
        return new Closed();
    }

    @Override
    public void close() {
        if (open != null) {
            open.close();
            open = null;
        }
    }
}
