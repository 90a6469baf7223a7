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
 * Answers the workbench's looks at networks (a transfer's feature maps, a teacher's maps, a random init's filters,
 * the lesson's SGD steps under the microscope) and its question of what engine and devices it has, one JSON line in, one JSON line out, until its input ends: the
 * workbench keeps one such process beside the window, so that PyTorch is never loaded into the window's own (while
 * it loaded there, the window drew nothing for a tenth of a second and more). Answers are
 * prefixed with {@link #PREFIX}, so that anything a native library prints on the same output is told apart. A
 * request that fails is answered with the reason and the next one is served; a native crash ends the process, which
 * the workbench sees as the end of its output.
 */
public final class InspectionServer implements AutoCloseable {
    /** What starts every answer line. */
    public static final String PREFIX = "xmodal-inspection ";
    private static final Logger LOG = LoggerFactory.getLogger(InspectionServer.class);

    /** A request and the number that its answer carries back. */
    public record Asked(long id, Question question) {
    }

    /** The answer to request {@code id}: its reply, or why there is none (for a person). */
    public record Answer(long id, Reply reply, String error) {
    }

    private final Microscope microscope = new Microscope();

    /** Serves requests from {@code in} until it ends. */
    public void serve(BufferedReader in, PrintStream out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Answer answer;
            try {
                answer = answer(Json.COMPACT.readValue(line, Asked.class));
            } catch (JsonProcessingException e) {
                answer = new Answer(-1, null, "the request could not be read: " + e.getOriginalMessage());
            }
            out.println(PREFIX + Json.compact(answer));
            out.flush();
        }
    }

    private Answer answer(Asked asked) {
        long start = System.nanoTime();
        long id = asked.id();
        try {
            Reply reply = reply(asked.question());
            LOG.debug("request {} answered in {} ms", id, (System.nanoTime() - start) / 1_000_000);
            return new Answer(id, reply, null);
        } catch (NoSuchFileException e) {
            return new Answer(id, null, e.getFile() + ": does not exist");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return new Answer(id, null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("request {} failed", id, e);
            return new Answer(id, null, e.toString());
        }
    }

    private Reply reply(Question q) throws IOException {
        if (q instanceof EngineDescription.Request r) {
            return EngineDescription.compute(r);
        } else if (q instanceof FeatureMaps.Request r) {
            return FeatureMaps.compute(r, Cancellation.NEVER);
        } else if (q instanceof NetworkFeatures.Request r) {
            return NetworkFeatures.compute(r);
        } else if (q instanceof RandomFilters.Request r) {
            return RandomFilters.compute(r);
        } else if (q instanceof Microscope.Open r) {
            return microscope.open(r);
        } else if (q instanceof Microscope.TakeStep r) {
            return microscope.step(r);
        } else if (q instanceof Microscope.Close r) {
            return microscope.close(r);
        }
        throw new IllegalArgumentException("the request asked for nothing this process knows: " + q);
    }

    @Override
    public void close() {
        microscope.close();
    }
}
