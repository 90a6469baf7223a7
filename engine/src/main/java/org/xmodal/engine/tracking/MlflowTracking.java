package org.xmodal.engine.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/**
 * A run also logged to an MLflow tracking server ({@code tracking.mlflow} of its spec) with MLflow's Java client:
 * the spec's fields as parameters, every row of {@code metrics.csv} as a metric with its step, and at the end the
 * final weights and the run's report ({@code results/}'s JSON and Markdown files, the spec, {@code metrics.csv}) as
 * artifacts. Everything is sent by a thread of its own, in batches, so a slow server never slows training; a server
 * that cannot be reached or refuses a call is one warning in the run's events, and the run goes on logged in its
 * folder only. The MLflow run's id is kept in {@code tracking.json}, so a resumed run continues the same MLflow run
 * (MLflow keeps every value it is sent: the steps a resume recomputes appear twice there, not in metrics.csv).
 *
 * <p>Artifacts go through the tracking server's artifact proxy ({@code mlflow-artifacts:} URIs, MLflow 2's
 * default, {@code mlflow server --serve-artifacts}) by HTTP PUT, as MLflow's Python client does; other artifact
 * stores need MLflow's Python command line, which the Java client calls (a warning says so when it is missing).
 */
public final class MlflowTracking implements AutoCloseable {
    static final String STATE_FILE = "tracking.json";
    private static final int BATCH = 500; // MLflow takes up to 1000 metrics per log-batch
    private static final int MAX_PARAMS = 100; // and up to 100 parameters
    private static final int MAX_VALUE = 500;
    private static final long FLUSH_MILLIS = 2000;
    private static final long CLOSE_SECONDS = 60;

    private final RunDirectory run;
    private final String uri;
    private final String experiment;
    private final MlflowClient client;
    private final ScheduledExecutorService worker;
    private final List<Service.Metric> pending = new ArrayList<>();
    private final Consumer<MetricsLog.Row> onRow = this::queue;
    private volatile String runId;
    private volatile String artifactUri;
    private volatile boolean broken;

    private MlflowTracking(RunDirectory run, RunSpec.Tracking tracking) {
        this.run = run;
        this.uri = tracking.mlflow().replaceAll("/+$", "");
        this.experiment = tracking.experiment();
        this.client = new MlflowClient(uri);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xmodal-mlflow");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts logging the run to MLflow when its spec asks for it; returns at once (the server is called later). */
    public static Optional<MlflowTracking> start(RunDirectory run) throws IOException {
        RunSpec.Tracking t = run.spec().tracking();
        if (t == null || t.mlflow() == null) {
            return Optional.empty();
        }
        MlflowTracking m = new MlflowTracking(run, t);
        m.worker.execute(m::open);
        m.worker.scheduleWithFixedDelay(m::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        run.metrics().addListener(m.onRow);
        return Optional.of(m);
    }

    /** The MLflow run's id once the server gave one. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    private void open() {
        guard("start the run", () -> {
            Path state = run.path().resolve(STATE_FILE);
            if (Files.exists(state)) {
                JsonNode n = Json.MAPPER.readTree(state.toFile());
                runId = n.path("mlflowRunId").asText(null);
                artifactUri = n.path("artifactUri").asText(null);
            }
            if (runId == null) {
                String experimentId = client.getExperimentByName(experiment).map(Service.Experiment::getExperimentId)
                        .orElseGet(() -> client.createExperiment(experiment));
                Service.RunInfo info = client.createRun(Service.CreateRun.newBuilder().setExperimentId(experimentId)
                        .setRunName(run.id()).setStartTime(System.currentTimeMillis())
                        .addTags(tag("xmodal.run", run.id())).addTags(tag("xmodal.folder", run.path().toString()))
                        .build());
                runId = info.getRunId();
                artifactUri = info.getArtifactUri();
                List<Service.Param> params = params(run.spec());
                for (int i = 0; i < params.size(); i += MAX_PARAMS) {
                    client.logBatch(runId, List.of(), params.subList(i, Math.min(params.size(), i + MAX_PARAMS)),
                            List.of());
                }
                Json.writeAtomically(Map.of("mlflowRunId", runId, "artifactUri", artifactUri, "trackingUri", uri,
                        "experiment", experiment), state);
            }
        });
    }

    private static Service.RunTag tag(String key, String value) {
        return Service.RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    /** The spec's fields as parameters named by their paths ({@code optimizer.learningRate}); launch details left out. */
    static List<Service.Param> params(RunSpec spec) {
        List<Service.Param> out = new ArrayList<>();
        flatten("", Json.MAPPER.valueToTree(spec), out);
        return out;
    }

    private static void flatten(String prefix, JsonNode n, List<Service.Param> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!(prefix.isEmpty() && (e.getKey().equals("launch") || e.getKey().equals("tracking")))) {
                    flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
                }
            }
        } else if (!n.isNull()) {
            String v = n.isValueNode() ? n.asText() : n.toString();
            out.add(Service.Param.newBuilder().setKey(prefix).setValue(v.length() > MAX_VALUE
                    ? v.substring(0, MAX_VALUE) : v).build());
        }
    }

    private void queue(MetricsLog.Row row) {
        if (broken || !Double.isFinite(row.value())) {
            return; // JSON has no NaN for MLflow's REST API; metrics.csv keeps it
        }
        synchronized (pending) {
            pending.add(Service.Metric.newBuilder().setKey(row.split() + "/" + row.name()).setValue(row.value())
                    .setStep(row.step()).setTimestamp(System.currentTimeMillis()).build());
            if (pending.size() >= BATCH) {
                worker.execute(this::flush);
            }
        }
    }

    private void flush() {
        List<Service.Metric> batch;
        synchronized (pending) {
            if (pending.isEmpty() || runId == null || broken) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        guard("log metrics", () -> {
            for (int i = 0; i < batch.size(); i += BATCH) {
                client.logBatch(runId, batch.subList(i, Math.min(batch.size(), i + BATCH)), List.of(), List.of());
            }
        });
    }

    /**
     * Sends what is left, the artifacts when the run finished, and the run's end state; waits for it (at most a
     * minute), then stops.
     */
    @Override
    public void close() {
        run.metrics().removeListener(onRow);
        worker.execute(() -> {
            flush();
            if (runId == null || broken) {
                return;
            }
            RunStatus.State state;
            try {
                state = run.status().state();
            } catch (IOException e) {
                state = RunStatus.State.FAILED;
            }
            if (state == RunStatus.State.FINISHED) {
                guard("upload the artifacts", this::uploadArtifacts);
            }
            Service.RunStatus end = switch (state) {
                case FINISHED -> Service.RunStatus.FINISHED;
                case FAILED -> Service.RunStatus.FAILED;
                default -> Service.RunStatus.KILLED; // stopped: resumable, MLflow's word for an interrupted run
            };
            guard("end the run", () -> client.setTerminated(runId, end, System.currentTimeMillis()));
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS)) {
                warn("did not answer within " + CLOSE_SECONDS + " s at the end of the run; what was not sent is "
                        + "only in the run's folder");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    /** The files sent as artifacts: the weights, the spec, metrics.csv, and results/'s JSON and Markdown. */
    List<Path> artifacts() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String f : List.of(RunDirectory.SPEC, RunDirectory.METRICS)) {
            if (Files.isRegularFile(run.path().resolve(f))) {
                files.add(run.path().resolve(f));
            }
        }
        if (Files.isDirectory(run.results())) {
            try (Stream<Path> s = Files.list(run.results())) {
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return Files.isRegularFile(p) && (n.equals("weights.params") || n.endsWith(".json")
                            || n.endsWith(".md"));
                }).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private void uploadArtifacts() throws Exception {
        String proxy = "mlflow-artifacts:/";
        for (Path f : artifacts()) {
            String rel = run.path().relativize(f).toString().replace('\\', '/');
            if (artifactUri != null && artifactUri.startsWith(proxy)) {
                String where = artifactUri.substring(proxy.length()).replaceAll("^/+", "") + "/" + rel;
                StringBuilder path = new StringBuilder();
                for (String part : where.split("/")) {
                    path.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
                }
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow-artifacts/artifacts" + path))
                                .timeout(Duration.ofMinutes(5)).PUT(HttpRequest.BodyPublishers.ofFile(f)).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw new IOException("the artifact proxy answered " + r.statusCode() + " for " + rel + ": "
                            + r.body().strip());
                }
            } else {
                // another artifact store (s3:, file:, ...): the Java client hands it to MLflow's Python command line
                String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : null;
                if (dir == null) {
                    client.logArtifact(runId, f.toFile());
                } else {
                    client.logArtifact(runId, f.toFile(), dir);
                }
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private void guard(String what, Call call) {
        if (broken) {
            return;
        }
        try {
            call.run();
        } catch (Exception | LinkageError e) {
            broken = true;
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            warn("could not " + what + " (" + why.lines().findFirst().orElse(why) + ")");
        }
    }

    private void warn(String message) {
        try {
            run.append(RunEvent.of(RunEvent.WARNING, run.status().step()).with("reason", "MLflow at " + uri + ": "
                    + message + "; the run goes on, logged in its folder only"));
        } catch (IOException e) {
            // the run folder cannot be written: the run itself reports that
        }
    }
}
