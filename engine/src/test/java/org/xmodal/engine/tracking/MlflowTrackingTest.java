package org.xmodal.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * A short real run logged to a stand-in MLflow tracking server (a local HTTP server answering the REST calls MLflow's
 * server answers, and its artifact proxy), and to none at all.
 */
class MlflowTrackingTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<String[]> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> artifacts = Collections.synchronizedMap(new java.util.TreeMap<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server answering as MLflow 2's does; every call kept as {method, path, body}. */
    private String standIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            calls.add(new String[] {ex.getRequestMethod(), path + (ex.getRequestURI().getRawQuery() == null ? ""
                    : "?" + ex.getRequestURI().getRawQuery()), new String(body, StandardCharsets.UTF_8)});
            int code = 200;
            String answer = "{}";
            if (path.endsWith("/experiments/get-by-name")) {
                code = 404;
                answer = "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"no experiment\"}";
            } else if (path.endsWith("/experiments/create")) {
                answer = "{\"experiment_id\": \"7\"}";
            } else if (path.endsWith("/runs/create")) {
                answer = "{\"run\": {\"info\": {\"run_id\": \"r1\", \"run_uuid\": \"r1\", \"experiment_id\": \"7\", "
                        + "\"status\": \"RUNNING\", \"artifact_uri\": \"mlflow-artifacts:/7/r1/artifacts\"}, "
                        + "\"data\": {}}}";
            } else if (path.startsWith("/api/2.0/mlflow-artifacts/artifacts/")) {
                artifacts.put(path.substring("/api/2.0/mlflow-artifacts/artifacts/".length()), body);
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(code, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private RunDirectory run(String mlflow) throws Exception {
        Path data = tmp.resolve("rooms");
        if (!Files.exists(data)) {
            SynthDatasetWriter.write(SynthConfig.of(3, 6).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                    new Cancellation());
        }
        RunSpec spec = RunSpec.builder().name("tracked").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005))
                .batchSize(4).iterations(3).inputSize(113).seed(5).device("cpu").threads(2).checkpointEvery(3)
                .logEvery(1).tracking(new RunSpec.Tracking(mlflow, "depth-transfer")).build();
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, RunKinds.execute(run, false, new EncodingCache(tmp.resolve(
                "cache")), ProgressListener.NONE, TrainingLoop.Listener.NONE, new Cancellation()));
        return run;
    }

    private List<JsonNode> bodies(String endpoint) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        synchronized (calls) {
            for (String[] c : calls) {
                if (c[1].endsWith(endpoint)) {
                    out.add(new ObjectMapper().readTree(c[2]));
                }
            }
        }
        return out;
    }

    @Test
    void aRunLogsItsSpecMetricsWeightsAndEndToMlflow() throws Exception {
        RunDirectory run = run(standIn());
        assertTrue(calls.get(0)[1].contains("experiments/get-by-name?experiment_name=depth-transfer"),
                calls.get(0)[1]);
        assertEquals("depth-transfer", bodies("/experiments/create").get(0).get("name").asText());
        JsonNode created = bodies("/runs/create").get(0);
        assertEquals("7", created.get("experiment_id").asText());
        assertEquals(run.id(), created.get("run_name").asText());

        Map<String, String> params = new java.util.HashMap<>();
        List<String> metrics = new ArrayList<>();
        for (JsonNode b : bodies("/runs/log-batch")) {
            assertEquals("r1", b.get("run_id").asText());
            b.path("params").forEach(p -> params.put(p.get("key").asText(), p.get("value").asText()));
            b.path("metrics").forEach(m -> metrics.add(m.get("key").asText() + " " + m.get("step").asLong() + " "
                    + m.get("value").asDouble()));
        }
        assertEquals("transfer", params.get("kind"));
        assertEquals("1.0E-4", params.get("optimizer.learningRate"));
        assertEquals("alexnet-small", params.get("student.architecture"));
        assertTrue(params.keySet().stream().noneMatch(k -> k.startsWith("tracking") || k.startsWith("launch")),
                params.keySet().toString());
        List<String> expected = new ArrayList<>();
        for (MetricsLog.Row r : run.metrics().read()) {
            if (Double.isFinite(r.value())) {
                expected.add(r.split() + "/" + r.name() + " " + r.step() + " " + r.value());
            }
        }
        assertTrue(expected.stream().anyMatch(m -> m.startsWith("train/loss 3 ")), expected.toString());
        assertEquals(expected, metrics, "every row of metrics.csv, with its step, in order");

        assertArrayEquals(Files.readAllBytes(run.path().resolve(RunSession.RESULT_WEIGHTS)),
                artifacts.get("7/r1/artifacts/results/weights.params"), "the final weights as an artifact");
        assertTrue(artifacts.containsKey("7/r1/artifacts/spec.json"), artifacts.keySet().toString());
        assertTrue(artifacts.containsKey("7/r1/artifacts/metrics.csv"), artifacts.keySet().toString());
        JsonNode end = bodies("/runs/update").get(0);
        assertEquals("FINISHED", end.get("status").asText());
        assertEquals("r1", new ObjectMapper().readTree(run.path().resolve(MlflowTracking.STATE_FILE).toFile())
                .get("mlflowRunId").asText(), "kept for a resume");
        assertTrue(run.events().stream().noneMatch(e -> e.type().equals(RunEvent.WARNING)), run.events().toString());
    }

    @Test
    void anUnreachableServerIsAWarningAndTheRunFinishes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        long t0 = System.nanoTime();
        RunDirectory run = run("http://127.0.0.1:" + port);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<RunEvent> warnings = run.events().stream().filter(e -> e.type().equals(RunEvent.WARNING)).toList();
        assertEquals(1, warnings.size(), run.events().toString());
        String reason = warnings.get(0).text("reason");
        assertTrue(reason.startsWith("MLflow at http://127.0.0.1:" + port + ": could not start the run")
                && reason.endsWith("the run goes on, logged in its folder only"), reason);
        assertTrue(Files.exists(run.path().resolve(RunSession.RESULT_WEIGHTS)));
        assertTrue(seconds < 120, "the run waited " + seconds + " s for the server");
    }
}
