package org.xmodal.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.cli.CliRun;
import org.xmodal.engine.cli.XmodalCli;
import org.xmodal.engine.experiment.Table1Preset;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * Runs sent to a real Slurm: the one-node cluster {@code .ci/slurm-up} starts (Debian's slurmctld, slurmd, munge),
 * or whatever cluster {@code sinfo} reaches; without one these tests skip and say why.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SlurmSubmitTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void dataset() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(3, 6).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
    }

    private static void needSlurm() throws Exception {
        String why;
        try {
            Process p = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            why = p.waitFor() == 0 ? null : "sinfo: " + said;
        } catch (IOException e) {
            why = "no sinfo on PATH";
        }
        Assumptions.assumeTrue(why == null, "no Slurm cluster answers here (" + why + "); .ci/slurm-up starts a "
                + "one-node one as root");
    }

    private static Path spec(String name, int iterations) throws IOException {
        RunSpec spec = RunSpec.builder().name(name).kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005))
                .batchSize(4).iterations(iterations).inputSize(113).seed(5).device("cpu").threads(1)
                .checkpointEvery(Math.min(iterations, 3)).logEvery(1).build();
        Path f = tmp.resolve(name + ".json");
        Json.writeAtomically(spec, f);
        return f;
    }

    private static String jobOf(CliRun said) {
        Matcher m = Pattern.compile("Slurm job (\\d+)").matcher(said.out());
        assertTrue(m.find(), said.out() + said.err());
        return m.group(1);
    }

    private static RunDirectory only(Path runs) throws IOException {
        List<RunDirectory> list = RunDirectory.list(runs);
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    /** Waits until Slurm no longer runs or queues the job; its last state. */
    private static Slurm.JobState waitForEnd(String job) throws Exception {
        Slurm slurm = Slurm.onPath();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (System.nanoTime() < until) {
            Optional<Slurm.JobState> s = slurm.state(job);
            if (s.isPresent() && !List.of("PENDING", "RUNNING", "COMPLETING", "CONFIGURING").contains(s.get().state())) {
                return s.get();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + job + " still queued or running after 8 minutes: " + slurm.state(job));
    }

    private static List<String> files(Path run) throws IOException {
        try (Stream<Path> s = Files.walk(run)) {
            return s.filter(Files::isRegularFile).map(p -> run.relativize(p).toString())
                    .map(n -> n.replaceAll("events\\.out\\.tfevents\\..*", "events.out.tfevents.*"))
                    .filter(n -> !n.startsWith("slurm")).sorted().toList();
        }
    }

    private static List<String> metrics(RunDirectory r) throws IOException {
        return r.metrics().read().stream().map(m -> m.step() + " " + m.split() + "/" + m.name() + " " + m.value())
                .toList();
    }

    /** {@code xmodal ARGS} in an engine process of its own, as the launcher starts it; its output. */
    private static String engine(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), XmodalCli.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(log));
        return Files.readString(log);
    }

    @Test
    void aSubmittedRunWritesWhatALocalRunWritesPlusItsJob() throws Exception {
        needSlurm();
        Path spec = spec("on-slurm", 4);
        CliRun said = CliRun.of("submit", "--spec", spec.toString(), "--runs", tmp.resolve("cluster").toString(),
                "--cpus", "1", "--mem", "2G", "--time", "10");
        assertEquals(0, said.exit(), said.err());
        String job = jobOf(said);
        Slurm.JobState end = waitForEnd(job);
        RunDirectory onSlurm = only(tmp.resolve("cluster"));
        assertEquals("COMPLETED", end.state(), Files.readString(onSlurm.path().resolve("slurm-" + job + ".out")));
        assertEquals(RunStatus.State.FINISHED, onSlurm.status().state());
        assertEquals(Optional.of(job), ClusterRuns.jobOf(onSlurm.path()));
        assertTrue(Files.readString(onSlurm.path().resolve(ClusterRuns.SCRIPT)).contains("#SBATCH --cpus-per-task=1"));
        assertTrue(Files.exists(onSlurm.path().resolve("slurm-" + job + ".out")), "the job's log beside the run");

        // the same run locally, as ./xmodal run starts it: an engine process of its own (this JVM's kernels and
        // threads were set by the tests before it)
        engine(tmp.resolve("local.log"), "run", "--spec", spec.toString(), "--runs", tmp.resolve("local").toString());
        RunDirectory local = only(tmp.resolve("local"));
        assertEquals(files(local.path()), files(onSlurm.path()), "the same files as a local run, and the job's");
        assertEquals(metrics(local), metrics(onSlurm), "the same steps and values (same machine, one thread)");
    }

    @Test
    void aJobSlurmRefusesIsSaidInItsWordsAndLeavesNoRunBehind() throws Exception {
        needSlurm();
        CliRun said = CliRun.of("submit", "--spec", spec("refused", 2).toString(), "--runs", tmp.resolve("refused")
                .toString(), "--partition", "nosuchpartition");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, said.exit());
        assertTrue(said.err().contains("sbatch refused the job") && said.err().toLowerCase().contains("partition"),
                said.err());
        assertEquals(List.of(), RunDirectory.list(tmp.resolve("refused")));
    }

    @Test
    void aCancelledJobStopsItsRunAtACheckpointAndResumesLocally() throws Exception {
        needSlurm();
        CliRun said = CliRun.of("submit", "--spec", spec("cancelled", 100000).toString(), "--runs", tmp.resolve("cancel")
                .toString(), "--cpus", "1", "--mem", "2G");
        String job = jobOf(said);
        RunDirectory run = only(tmp.resolve("cancel"));
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (run.status().step() < 4 && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        assertTrue(run.status().step() >= 4, "the job trains: " + run.status());
        Slurm.onPath().cancel(job);
        waitForEnd(job);
        RunStatus s = run.status();
        assertEquals(RunStatus.State.STOPPED, s.state(), Files.readString(run.path().resolve("slurm-" + job
                + ".out")));
        assertTrue(run.latestCheckpointStep().orElse(0L) >= 4, "the engine checkpointed on Slurm's SIGTERM");
    }

    @Test
    void withoutSlurmsCommandsTheMessageSaysWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Slurm("/nonexistent").submit(tmp.resolve("x.sh")));
        assertTrue(e.getMessage().startsWith("sbatch was not found on PATH (/nonexistent)"), e.getMessage());
        assertEquals("PENDING (Resources)", new Slurm.JobState("PENDING", "Resources", "", "").describe());
        assertEquals("RUNNING on node3", new Slurm.JobState("RUNNING", "None", "node3", "").describe());
        assertEquals("FAILED (exit 1:0)", new Slurm.JobState("FAILED", "", "", "1:0").describe());
    }

    /** Table 1's quick preset cut to a few steps per run, one thread per run. */
    private static Path tinyTable1Preset() throws IOException {
        Table1Preset q = Table1Preset.named(Table1Preset.QUICK);
        Table1Preset tiny = new Table1Preset("tiny-slurm", "a few steps per run, one thread", few(q.teacher(), 6),
                few(q.transfer(), 6), few(q.finetune(), 4), few(q.fromScratch(), 4), 0);
        Path f = tmp.resolve("tiny-table1.json");
        Json.writeAtomically(tiny, f);
        return f;
    }

    private static RunSpec few(RunSpec s, int iterations) {
        return s.toBuilder().iterations(iterations).threads(1).checkpointEvery(2).logEvery(1)
                .filterSnapshots(List.of()).build();
    }

    private static Instant time(RunDirectory run, String type) throws IOException {
        return run.events().stream().filter(e -> e.type().equals(type)).map(e -> Instant.parse(e.time()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(run.id() + " has no " + type + " event"));
    }

    /** A time Slurm keeps of a job ({@code StartTime}, {@code EndTime}), in seconds of the epoch (local time). */
    private static long jobTime(String job, String field) throws Exception {
        Process p = new ProcessBuilder("scontrol", "show", "job", "-o", job).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile(field + "=(\\S+)").matcher(said);
        assertTrue(m.find(), said);
        return java.time.LocalDateTime.parse(m.group(1)).toEpochSecond(java.time.ZoneOffset.UTC);
    }

    /** A small synthetic set with labels (half of it for training, 30% for testing), for Table 1. */
    private static Path labelledRooms(String name) throws Exception {
        Path rooms = tmp.resolve(name);
        SynthDatasetWriter.write(SynthConfig.of(4, 12).withSize(80, 60).withFractions(0.5, 0.3), rooms, false, 2,
                ProgressListener.NONE, new Cancellation());
        return rooms;
    }

    @Test
    void anExperimentIsJobsThatWaitForWhatTheyNeedAndItsSummaryEqualsTheLocalOne() throws Exception {
        needSlurm();
        Path rooms = labelledRooms("labelled-rooms");
        String preset = tinyTable1Preset().toString();
        long t0 = System.nanoTime();
        engine(tmp.resolve("table1-local.log"), "experiment", "table1", "--data", rooms.toString(), "--out",
                tmp.resolve("table1-local").toString(), "--preset", preset, "--seeds", "2");
        double local = (System.nanoTime() - t0) / 1e9;

        t0 = System.nanoTime();
        Path out = tmp.resolve("table1-slurm");
        CliRun said = CliRun.of("submit", "--cpus", "1", "--mem", "2G", "experiment", "table1", "--data",
                rooms.toString(), "--out", out.toString(), "--preset", preset, "--seeds", "2");
        assertEquals(0, said.exit(), said.out() + said.err());
        JsonNode jobs = Json.MAPPER.readTree(out.resolve("slurm/jobs.json").toFile());
        String summaryJob = jobs.path("summaryJob").asText();
        assertEquals(12, jobs.path("runs").size(), "teacher, transfer, five arms for two seeds: " + jobs);
        Slurm.JobState end = waitForEnd(summaryJob);
        double slurm = (System.nanoTime() - t0) / 1e9;
        Path log = out.resolve("slurm/summary-" + summaryJob + ".out");
        assertEquals("COMPLETED", end.state(), Files.exists(log) ? Files.readString(log) : said.out());

        JsonNode here = Json.MAPPER.readTree(tmp.resolve("table1-local/results/summary.json").toFile());
        JsonNode there = Json.MAPPER.readTree(out.resolve("results/summary.json").toFile());
        assertEquals(here, there, "the same summary to the last digit (same machine, one thread per run)");

        // the teacher's job first, the transfer's after it, the arms after what they start from, side by side
        List<RunDirectory> runs = RunDirectory.list(out.resolve("runs"));
        RunDirectory teacher = runs.stream().filter(r -> r.id().endsWith("table1-rgb-teacher")).findFirst()
                .orElseThrow();
        RunDirectory transfer = runs.stream().filter(r -> r.id().endsWith("table1-transfer")).findFirst()
                .orElseThrow();
        assertTrue(!time(transfer, RunEvent.STARTED).isBefore(time(teacher, RunEvent.FINISHED)));
        List<RunDirectory> arms = runs.stream().filter(r -> r.id().matches(".*table1-transfer(-frozen)?-s\\d"))
                .toList();
        assertEquals(4, arms.size());
        boolean overlap = false;
        for (RunDirectory a : arms) {
            assertTrue(!time(a, RunEvent.STARTED).isBefore(time(transfer, RunEvent.FINISHED)), a.id());
            String job = ClusterRuns.jobOf(a.path()).orElseThrow();
            assertTrue(job.matches("\\d+_\\d"), "a task of a job array: " + job);
            assertTrue(Files.exists(a.path().resolve("slurm-" + job + ".out")), "an array task's log beside its run");
            for (RunDirectory b : arms) {
                String other = ClusterRuns.jobOf(b.path()).orElseThrow();
                // when Slurm ran the jobs (seconds): a few steps train faster than a job starts, so the runs' own
                // events may not overlap while their jobs did
                overlap |= a != b && jobTime(job, "StartTime") < jobTime(other, "EndTime")
                        && jobTime(other, "StartTime") < jobTime(job, "EndTime");
            }
        }
        assertTrue(overlap, "two arms' jobs ran at the same time");
        System.out.printf("SlurmSubmitTest: tiny Table 1 (2 seeds) locally %.1f s, through Slurm %.1f s%n", local,
                slurm);

        CliRun again = CliRun.of("submit", "experiment", "table1", "--data", rooms.toString(), "--out",
                out.toString(), "--preset", preset, "--seeds", "2");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("nothing to submit"), again.out());
    }

    @Test
    void anExperimentPreparedInAJobSubmitsItsRunsFromThereAndIsCancelledWhole() throws Exception {
        needSlurm();
        Path rooms = labelledRooms("rooms-to-prepare");
        Path out = tmp.resolve("table1-prepared");
        CliRun said = CliRun.of("submit", "--prepare-in-job", "--cpus", "1", "--mem", "2G", "experiment", "table1",
                "--data", rooms.toString(), "--out", out.toString(), "--preset", tinyTable1Preset().toString(),
                "--seeds", "1");
        assertEquals(0, said.exit(), said.out() + said.err());
        Matcher m = Pattern.compile("Slurm job (\\d+) prepares the experiment on a node").matcher(said.out());
        assertTrue(m.find(), said.out());
        String prepare = m.group(1);
        assertEquals(prepare, Files.readString(out.resolve("slurm/prepare.job")).strip());
        Slurm.JobState end = waitForEnd(prepare);
        String log = Files.readString(out.resolve("slurm/prepare-" + prepare + ".out"));
        assertEquals("COMPLETED", end.state(), log);
        assertTrue(log.contains("submitted to Slurm (7 runs, then the summary)"), "the job submitted the runs: " + log);
        JsonNode jobs = Json.MAPPER.readTree(out.resolve("slurm/jobs.json").toFile());
        assertEquals(7, jobs.path("runs").size(), "teacher, transfer, five arms: " + jobs);
        assertEquals(List.of(), RunDirectory.list(out.resolve("runs")).stream()
                .filter(r -> ClusterRuns.jobOf(r.path()).isEmpty()).toList(), "every run has its job");
        // Stop in the window (or its code) cancels what is still queued, the preparation's jobs included
        assertTrue(ExperimentJobs.cancel(out, Slurm.onPath()) >= 1);
        List<String> ids = new ArrayList<>(List.of(jobs.path("summaryJob").asText()));
        jobs.path("runs").forEach(j -> ids.add(j.path("job").asText()));
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Map<String, Slurm.JobState> queue = Slurm.onPath().queue();
        while (ids.stream().anyMatch(queue::containsKey) && System.nanoTime() < until) {
            Thread.sleep(500);
            queue = Slurm.onPath().queue();
        }
        // (a pending array task cancelled before it started is gone from Slurm without a state, here without sacct)
        assertTrue(ids.stream().noneMatch(queue::containsKey), "every job of the experiment left the queue: " + queue);
        CliRun run = CliRun.of("submit", "--prepare-in-job", "--spec", spec("not-an-experiment", 4).toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--prepare-in-job is for an experiment"), run.err());
    }

    @Test
    void aJobReachingItsTimeLimitIsRequeuedAndResumesFromItsCheckpoint() throws Exception {
        needSlurm();
        // a limit of two minutes, the warning 30 s before it: Slurm may send it up to a minute earlier than asked
        // (its resolution), so 30 to 90 s after the job starts, with steps trained before it; one requeue allowed,
        // so the second warning stops the run for good
        CliRun said = CliRun.of("submit", "--spec", spec("time-limited", 100000).toString(), "--runs",
                tmp.resolve("limited").toString(), "--cpus", "1", "--mem", "2G", "--time", "2", "--signal-lead", "30",
                "--requeues", "1");
        assertEquals(0, said.exit(), said.err());
        String job = jobOf(said);
        RunDirectory run = only(tmp.resolve("limited"));
        Path log = run.path().resolve("slurm-" + job + ".out");
        Slurm slurm = Slurm.onPath();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        long firstStop = -1;
        long requeuedAt = 0;
        while (System.nanoTime() < until) {
            Optional<Slurm.JobState> s = slurm.state(job);
            if (firstStop < 0 && Files.exists(log) && Files.readString(log).contains("requeueing job " + job)) {
                firstStop = run.latestCheckpointStep().orElse(0L);
                requeuedAt = System.nanoTime();
            }
            if (s.isPresent() && s.get().state().equals("PENDING") && s.get().reason().equals("BeginTime")
                    && System.nanoTime() - requeuedAt > TimeUnit.SECONDS.toNanos(20)) {
                // Slurm holds a requeued job back for two minutes; a person would wait, the test waits 20 s (a job
                // started again at once meets its old credential revoked and fails)
                new ProcessBuilder("scontrol", "update", "JobId=" + job, "StartTime=now").start().waitFor();
            }
            // the requeue itself ends the job for a moment ("CANCELLED ... DUE TO JOB REQUEUE") before it pends
            // again: the job has ended when the second warning's words are in its log and Slurm no longer runs it
            if (s.isPresent() && !ClusterRuns.ACTIVE.contains(s.get().state()) && firstStop >= 0
                    && Files.readString(log).contains("requeued 1 times already")) {
                break;
            }
            Thread.sleep(1000);
        }
        String said2 = Files.readString(log);
        assertTrue(firstStop > 0, "the run checkpointed at the first warning and the job was requeued: " + said2);
        assertTrue(said2.contains("requeued 1 times already"), said2);
        assertEquals(RunStatus.State.STOPPED, run.status().state(), said2);
        assertTrue(run.latestCheckpointStep().orElse(0L) > firstStop, "the requeued job resumed from step "
                + firstStop + " and trained on: " + run.status());
        assertTrue(run.events().stream().anyMatch(e -> e.type().equals(RunEvent.RESUMED)), "a resume, not a restart");

        // submitted again by hand, it resumes once more; while that job is queued or running it is not sent twice
        CliRun resumed = CliRun.of("submit", run.path().toString(), "--cpus", "1", "--mem", "2G");
        assertEquals(0, resumed.exit(), resumed.err());
        String job2 = jobOf(resumed);
        CliRun twice = CliRun.of("submit", run.path().toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, twice.exit());
        assertTrue(twice.err().contains("is already Slurm job " + job2), twice.err());
        long before = run.latestCheckpointStep().orElse(0L);
        until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (run.status().step() < before + 4 && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        assertTrue(run.status().step() >= before + 4, "the resubmitted job trains on: " + run.status());
        slurm.cancel(job2);
        waitForEnd(job2);
        assertEquals(RunStatus.State.STOPPED, run.status().state());
    }

    @Test
    void aDatasetIsEncodedAsAJobArrayOfShardsIntoTheSharedCache() throws Exception {
        needSlurm();
        Path cache = tmp.resolve("shared-cache");
        Path profile = tmp.resolve("encode-profile.json");
        Files.writeString(profile, "{\"cpus\": 1, \"mem\": \"1G\"}");
        CliRun said = CliRun.of("encode", "--data", data.toString(), "--cache", cache.toString(), "--slurm",
                "--shards", "3", "--profile", profile.toString());
        assertEquals(0, said.exit(), said.err());
        Matcher m = Pattern.compile("Slurm job array (\\d+): 3 shards of (\\d+) pairs").matcher(said.out());
        assertTrue(m.find(), said.out());
        int pairs = Integer.parseInt(m.group(2));
        int encoded = 0;
        List<String> logs = completedLogs(m.group(1), 3, cache);
        for (int i = 0; i < 3; i++) {
            String log = logs.get(i);
            Matcher n = Pattern.compile("(\\d+) encoded, 0 already cached, 0 failed").matcher(log);
            assertTrue(n.find(), log);
            assertTrue(log.contains("shard " + i + " of 3"), log);
            encoded += Integer.parseInt(n.group(1));
        }
        assertEquals(pairs, encoded, "the shards are disjoint and cover every pair");
        try (Stream<Path> scripts = Files.list(cache.resolve("slurm"))) {
            String script = Files.readString(scripts.filter(f -> f.toString().endsWith(".sh")).findFirst()
                    .orElseThrow());
            // a task at its time limit is requeued as a run's job is (the same lines, tested on a run above)
            assertTrue(script.contains("#SBATCH --signal=B:USR1@") && script.contains("requeue \"$SLURM_JOB_ID\""),
                    script);
        }
        CliRun again = CliRun.of("encode", "--data", data.toString(), "--cache", cache.toString());
        assertTrue(again.out().startsWith("0 encoded, " + pairs + " already cached"), again.out());
    }

    @Test
    void teacherFeaturesAreComputedAsAJobArrayAndGatheredIntoTheCache() throws Exception {
        needSlurm();
        Path cache = tmp.resolve("teacher-cache");
        Path spec = tmp.resolve("cached-teacher.json");
        Files.writeString(spec, "{\"name\": \"cached\", \"data\": \"" + data + "\", \"teacher\": {\"source\": "
                + "\"random\", \"architecture\": \"alexnet-small\", \"cache\": true}, \"student\": {\"architecture\": "
                + "\"alexnet-small\", \"tap\": \"pool5\"}, \"augmentation\": {\"randomCrop\": true, \"flip\": true, "
                + "\"cropGrid\": 2}, \"batchSize\": 4, \"iterations\": 2, \"inputSize\": 48, \"device\": \"cpu\", "
                + "\"threads\": 0}");
        CliRun said = CliRun.of("encode", "--spec", spec.toString(), "--cache", cache.toString(), "--teacher-features",
                "--slurm", "--shards", "2", "--cpus", "1", "--mem", "2G");
        assertEquals(0, said.exit(), said.err());
        Matcher m = Pattern.compile("Slurm job array (\\d+): 2 shards of (\\d+) training pairs").matcher(said.out());
        assertTrue(m.find(), said.out());
        long views = 0;
        for (String log : completedLogs(m.group(1), 2, cache)) {
            Matcher n = Pattern.compile("(\\d+) teacher feature views computed, 0 already cached, of (\\d+)")
                    .matcher(log);
            assertTrue(n.find(), log);
            assertEquals(n.group(2), n.group(1), log);
            views += Long.parseLong(n.group(2));
        }
        assertEquals(Integer.parseInt(m.group(2)) * 8L, views, "every training pair's 4 crops, flipped or not");
        CliRun gathered = CliRun.of("encode", "--spec", spec.toString(), "--cache", cache.toString(),
                "--teacher-features");
        assertTrue(gathered.out().startsWith("0 teacher feature views computed, " + views + " already cached"),
                gathered.out() + gathered.err());
    }

    /** The logs of an encoding's job array's tasks, each waited for and asserted to have completed. */
    private static List<String> completedLogs(String array, int tasks, Path cache) throws Exception {
        List<String> logs = new java.util.ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            String task = array + "_" + i;
            Slurm.JobState end = waitForEnd(task);
            String log = Files.readString(cache.resolve("slurm/encode-" + task + ".out"));
            assertEquals("COMPLETED", end.state(), log);
            logs.add(log);
        }
        return logs;
    }
}
