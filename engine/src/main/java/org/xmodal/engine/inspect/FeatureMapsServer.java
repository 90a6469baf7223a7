package org.xmodal.engine.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.task.Cancellation;

/**
 * Answers {@link FeatureMaps} requests, one JSON line in, one JSON line out, until its input ends: the workbench
 * keeps one such process beside the window, so that PyTorch is never loaded into the window's own (loading it there
 * held the native-library lock that the window's threads need, and the window stalled). Answers are prefixed with
 * {@link #PREFIX}, so that anything a native library prints on the same output is told apart and ignored. A request
 * that fails is answered with the reason, and the next one is served; a native crash ends the process, which the
 * workbench sees as the end of its output.
 */
public final class FeatureMapsServer {
    /** What starts every answer line. */
    public static final String PREFIX = "xmodal-feature-maps ";
    private static final Logger LOG = LoggerFactory.getLogger(FeatureMapsServer.class);

    /** A request and the number that its answer carries back. */
    public record Asked(long id, FeatureMaps.Request request) {
    }

    /** The answer to request {@code id}: a result, or why there is none (one sentence, for a person). */
    public record Answer(long id, FeatureMaps.Result result, String error) {
    }

    private FeatureMapsServer() {
    }

    /** Serves requests from {@code in} until it ends. */
    public static void serve(BufferedReader in, PrintStream out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Answer answer;
            try {
                Asked asked = Json.COMPACT.readValue(line, Asked.class);
                answer = answer(asked);
            } catch (JsonProcessingException e) {
                answer = new Answer(-1, null, "the request could not be read: " + e.getOriginalMessage());
            }
            out.println(PREFIX + Json.compact(answer));
            out.flush();
        }
    }

    private static Answer answer(Asked asked) {
        long start = System.nanoTime();
        try {
            FeatureMaps.Result result = FeatureMaps.compute(asked.request(), Cancellation.NEVER);
            LOG.debug("feature maps {} in {} ms", asked.id(), (System.nanoTime() - start) / 1_000_000);
            return new Answer(asked.id(), result, null);
        } catch (NoSuchFileException e) {
            return new Answer(asked.id(), null, e.getFile() + ": does not exist");
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(asked.id(), null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("feature maps {} failed", asked.id(), e);
            return new Answer(asked.id(), null, e.toString());
        }
    }
}
