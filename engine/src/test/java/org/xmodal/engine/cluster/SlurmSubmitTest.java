package org.xmodal.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.cli.CliRun;
import org.xmodal.engine.cli.XmodalCli;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
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
        Process local0 = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), XmodalCli.class.getName(),
                "run", "--spec", spec.toString(), "--runs", tmp.resolve("local").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("local.log").toFile()).start();
        assertEquals(0, local0.waitFor(), Files.readString(tmp.resolve("local.log")));
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
}
