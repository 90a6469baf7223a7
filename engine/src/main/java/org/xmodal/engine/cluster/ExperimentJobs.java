package org.xmodal.engine.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xmodal.engine.experiment.RunQueue;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunStatus;

/**
 * An experiment as Slurm jobs: the experiment decides its runs as it does on one machine ({@link RunQueue}), and
 * each run that is not finished becomes a job that starts once the jobs of the runs it needs (its teacher, its
 * initialisation) have ended well. Runs that need the same runs are one job array, so that a cluster trains them side
 * by side: for Table 1 the teacher, then the transfer beside the arms that start from the teacher, then the arms that
 * start from the transfer, each arm and seed a task. Last comes the summary: the same experiment command as a job of
 * its own after all of them, which finds every run finished, reuses them and writes {@code results/}. A run whose
 * job is still queued or running is waited for, not submitted twice. Scripts, run lists and the arrays' own logs go
 * to {@code OUT/slurm/}; each run's log lands in its folder; {@code OUT/slurm/jobs.json} lists the jobs.
 */
public final class ExperimentJobs implements RunQueue {
    public static final String FOLDER = "slurm";
    public static final String RECORD = "jobs.json";
    /** The id of the job that prepares an experiment submitted with {@code --prepare-in-job}. */
    public static final String PREPARATION = "prepare.job";

    private final Path experiment;
    private final SlurmOptions options;
    private final Slurm slurm;
    private final List<Entry> entries = new ArrayList<>();

    /** A queued run: its stage, the runs it needs, and its job when Slurm already has one going. */
    private record Entry(RunDirectory run, String what, List<RunDirectory> needs, String activeJob) {
    }

    /** What was submitted: each run's job (id, or {@code array_task}), and the summary's. */
    @JsonPropertyOrder({"experiment", "submitted", "summaryJob", "runs"})
    public record Submitted(String experiment, String submitted, String summaryJob, Map<String, Job> runs) {
        /** @param reused whether the job was already queued or running, and waited for rather than submitted */
        public record Job(String stage, String job, boolean reused) {
        }
    }

    public ExperimentJobs(Path experiment, SlurmOptions options, Slurm slurm) {
        this.experiment = experiment.toAbsolutePath().normalize();
        this.options = options;
        this.slurm = slurm;
    }

    @Override
    public void queue(RunDirectory run, String what, List<RunDirectory> needs) throws IOException {
        Optional<String> active = ClusterRuns.activeJob(run.path(), slurm);
        if (active.isEmpty() && run.status().state() == RunStatus.State.RUNNING) {
            throw new BadInputException(run.path(), "is running in another process here; wait for it or stop it, "
                    + "then submit the experiment again");
        }
        entries.add(new Entry(run, what, List.copyOf(needs), active.orElse(null)));
    }

    /**
     * Submits the queued runs and then the summary, {@code xmodal} with {@code summaryArgs} (already quoted for the
     * shell), after all of them.
     */
    public Submitted submit(String name, String summaryArgs) throws IOException {
        Path folder = experiment.resolve(FOLDER);
        Files.createDirectories(folder);
        ClusterRuns.Engine engine = ClusterRuns.Engine.current();
        Map<RunDirectory, String> jobs = new LinkedHashMap<>();
        Map<String, Submitted.Job> record = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.activeJob() != null) {
                jobs.put(e.run(), e.activeJob());
                record.put(e.run().id(), new Submitted.Job(e.what(), e.activeJob(), true));
            }
        }
        // one array per set of runs needed, in the order the experiment came to them: a set's runs always come
        // after the runs it names, so their jobs exist by the time it is submitted
        Map<Set<RunDirectory>, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.activeJob() == null) {
                groups.computeIfAbsent(new LinkedHashSet<>(e.needs()), k -> new ArrayList<>()).add(e);
            }
        }
        int n = 0;
        for (Map.Entry<Set<RunDirectory>, List<Entry>> g : groups.entrySet()) {
            List<String> after = new ArrayList<>();
            for (RunDirectory needed : g.getKey()) {
                String job = jobs.get(needed);
                if (job == null) {
                    throw new IllegalStateException(needed.id() + " is needed before it was submitted");
                }
                after.add(job);
            }
            List<Entry> members = g.getValue();
            if (members.size() == 1) {
                RunDirectory run = members.get(0).run();
                String id = ClusterRuns.submit(run, options, slurm, after);
                jobs.put(run, id);
                record.put(run.id(), new Submitted.Job(members.get(0).what(), id, false));
                continue;
            }
            n++;
            Path list = folder.resolve("array-" + n + ".runs");
            Files.write(list, members.stream().map(m -> m.run().path().toAbsolutePath().toString()).toList());
            Path script = folder.resolve("array-" + n + ".sh");
            Files.writeString(script, ClusterRuns.runScript("xmodal-" + name + "-" + n, folder.resolve("array-" + n
                    + "-%A_%a.out").toString(), options, engine, slurm.command("scontrol"), null, list,
                    members.size(), after));
            String array = slurm.submit(script);
            for (int i = 0; i < members.size(); i++) {
                String id = array + "_" + i;
                RunDirectory run = members.get(i).run();
                ClusterRuns.record(run.path(), id, options);
                jobs.put(run, id);
                record.put(run.id(), new Submitted.Job(members.get(i).what(), id, false));
            }
        }
        List<String> extra = new ArrayList<>();
        if (!jobs.isEmpty()) {
            extra.add("--dependency=afterok:" + String.join(":", jobs.values()));
            extra.add("--kill-on-invalid-dep=yes");
        }
        List<String> lines = ClusterRuns.header("xmodal-" + name + "-summary", folder.resolve("summary-%j.out")
                .toString(), options, System.getProperty("user.dir"), extra);
        lines.add("# written by xmodal submit: the experiment again, once every run has finished; it reuses them all");
        lines.add("exec " + engine.command(summaryArgs));
        Path script = folder.resolve("summary.sh");
        Files.writeString(script, String.join("\n", lines) + "\n");
        String summary = slurm.submit(script);
        Submitted s = new Submitted(name, Instant.now().toString(), summary, record);
        Json.writeAtomically(s, folder.resolve(RECORD));
        return s;
    }

    /**
     * Cancels the jobs of an experiment submitted from {@code experiment} that are still queued or running (each
     * run's engine checkpoints on Slurm's SIGTERM; the summary's job leaves the queue); how many.
     */
    public static int cancel(Path experiment, Slurm slurm) throws IOException {
        Path file = experiment.resolve(FOLDER).resolve(RECORD);
        Path preparing = experiment.resolve(FOLDER).resolve(PREPARATION);
        if (!Files.isRegularFile(file) && !Files.isRegularFile(preparing)) {
            throw new BadInputException(file, "does not exist: the experiment was not submitted to Slurm");
        }
        List<String> ids = new ArrayList<>();
        if (Files.isRegularFile(preparing)) {
            ids.add(Files.readString(preparing).strip()); // first: it would submit the others
        }
        if (Files.isRegularFile(file)) {
            Submitted s = Json.MAPPER.readValue(file.toFile(), Submitted.class);
            s.runs().values().forEach(j -> ids.add(j.job()));
            ids.add(s.summaryJob());
        }
        Map<String, Slurm.JobState> queue = slurm.queue();
        int n = 0;
        for (String id : ids) {
            if (queue.containsKey(id)) {
                slurm.cancel(id);
                n++;
            }
        }
        return n;
    }

    /**
     * {@code xmodal WORDS...} (a {@code submit ... experiment} command) as one job that prepares the experiment and
     * submits its jobs; its script, log ({@code prepare-<job>.out}) and id ({@value #PREPARATION}) in the
     * experiment's {@value #FOLDER} folder. The job's id.
     */
    public static String submitPreparation(Path experiment, List<String> words, SlurmOptions o, Slurm slurm)
            throws IOException {
        Path dir = experiment.resolve(FOLDER);
        Files.createDirectories(dir);
        // the preparation needs no GPU, and is not requeued: submitted again it goes on where it stopped
        SlurmOptions cpu = new SlurmOptions(o.partition(), null, o.cpus(), o.mem(), o.time(), o.signalSeconds(), 0,
                o.sbatch());
        String id = ClusterRuns.submitCommand("xmodal-prepare", words, dir, "prepare", cpu, slurm);
        Files.writeString(dir.resolve(PREPARATION), id + "\n");
        return id;
    }

    /** How many runs were queued. */
    public int size() {
        return entries.size();
    }
}
