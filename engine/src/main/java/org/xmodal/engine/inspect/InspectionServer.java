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
 * Answers the workbench's looks at networks (a transfer's feature maps, a teacher's maps, a random init's filters),
 * one JSON line in, one JSON line out, until its input ends: the workbench keeps one such process beside the
 * window, so that PyTorch is never loaded into the window's own (loading it there held the dynamic linker's lock,
 * which the window's threads need, and the window stalled). Answers are prefixed with {@link #PREFIX}, so that
 * anything a native library prints on the same output is told apart. A request that fails is answered with the
 * reason and the next one is served; a native crash ends the process, which the workbench sees as the end of its
 * output.
 */
public final class InspectionServer {
    /** What starts every answer line. */
    public static final String PREFIX = "xmodal-inspection ";
    private static final Logger LOG = LoggerFactory.getLogger(InspectionServer.class);

    /** A request (exactly one of its parts) and the number that its answer carries back. */
    public record Asked(long id, FeatureMaps.Request featureMaps, NetworkFeatures.Request networkFeatures,
                        RandomFilters.Request randomFilters) {
        public static Asked of(long id, FeatureMaps.Request r) {
            return new Asked(id, r, null, null);
        }

        public static Asked of(long id, NetworkFeatures.Request r) {
            return new Asked(id, null, r, null);
        }

        public static Asked of(long id, RandomFilters.Request r) {
            return new Asked(id, null, null, r);
        }
    }

    /** The answer to request {@code id}: the result of its kind, or why there is none (for a person). */
    public record Answer(long id, FeatureMaps.Result featureMaps, NetworkFeatures.Result networkFeatures,
                         RandomFilters.Result randomFilters, String error) {
        static Answer failed(long id, String error) {
            return new Answer(id, null, null, null, error);
        }
    }

    private InspectionServer() {
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
                answer = answer(Json.COMPACT.readValue(line, Asked.class));
            } catch (JsonProcessingException e) {
                answer = Answer.failed(-1, "the request could not be read: " + e.getOriginalMessage());
            }
            out.println(PREFIX + Json.compact(answer));
            out.flush();
        }
    }

    private static Answer answer(Asked asked) {
        long start = System.nanoTime();
        long id = asked.id();
        try {
            Answer a;
            if (asked.featureMaps() != null) {
                a = new Answer(id, FeatureMaps.compute(asked.featureMaps(), Cancellation.NEVER), null, null, null);
            } else if (asked.networkFeatures() != null) {
                a = new Answer(id, null, NetworkFeatures.compute(asked.networkFeatures()), null, null);
            } else if (asked.randomFilters() != null) {
                a = new Answer(id, null, null, RandomFilters.compute(asked.randomFilters()), null);
            } else {
                a = Answer.failed(id, "the request asked for nothing");
            }
            LOG.debug("request {} answered in {} ms", id, (System.nanoTime() - start) / 1_000_000);
            return a;
        } catch (NoSuchFileException e) {
            return Answer.failed(id, e.getFile() + ": does not exist");
        } catch (IOException | IllegalArgumentException e) {
            return Answer.failed(id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("request {} failed", id, e);
            return Answer.failed(id, e.toString());
        }
    }
}
