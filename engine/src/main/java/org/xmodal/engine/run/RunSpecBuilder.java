package org.xmodal.engine.run;

import java.util.List;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.objective.Objective;

/**
 * Builds a {@link RunSpec} field by field ({@link RunSpec#builder()}, {@link RunSpec#toBuilder()}); {@link #build()}
 * validates it as the JSON form is validated, and what is not set takes the defaults the JSON form takes, but
 * for the encoding: a spec built from nothing is a new run's ({@link Encoding#forNewRuns()}), while JSON without an
 * encoding section is an old run's ({@link Encoding#defaults()}).
 */
public final class RunSpecBuilder {
    private String name;
    private RunKind kind;
    private String data;
    private Modality modality;
    /** A run built from nothing encodes as new runs do; {@link RunSpec#toBuilder()} keeps the spec's own. */
    private Encoding encoding = Encoding.forNewRuns();
    private RunSpec.Teacher teacher;
    private RunSpec.Student student;
    private RunSpec.Adaptation adaptation;
    private Objective objective;
    private RunSpec.Socket socket;
    private Distill distill;
    private RunSpec.Optimizer optimizer;
    private RunSpec.Schedule schedule;
    private int batchSize;
    private int iterations;
    private int inputSize;
    private RunSpec.Augmentation augmentation;
    private long seed;
    private RunDevice device;
    private int threads;
    private int checkpointEvery;
    private int logEvery;
    private List<Integer> filterSnapshots;
    private RunSpec.Finetune finetune;
    private RunSpec.Tracking tracking;
    private RunSpec.Launch launch;

    RunSpecBuilder() {
    }

    public RunSpecBuilder name(String v) {
        name = v;
        return this;
    }

    public RunSpecBuilder kind(RunKind v) {
        kind = v;
        return this;
    }

    public RunSpecBuilder kind(String v) {
        return kind(RunKind.parse(v));
    }

    public RunSpecBuilder data(String v) {
        data = v;
        return this;
    }

    public RunSpecBuilder modality(Modality v) {
        modality = v;
        return this;
    }

    public RunSpecBuilder modality(String v) {
        return modality(Modality.parse(v));
    }

    public RunSpecBuilder encoding(Encoding v) {
        encoding = v;
        return this;
    }

    public RunSpecBuilder teacher(RunSpec.Teacher v) {
        teacher = v;
        return this;
    }

    public RunSpecBuilder student(RunSpec.Student v) {
        student = v;
        return this;
    }

    public RunSpecBuilder adaptation(RunSpec.Adaptation v) {
        adaptation = v;
        return this;
    }

    public RunSpecBuilder objective(Objective v) {
        objective = v;
        return this;
    }

    public RunSpecBuilder distill(Distill v) {
        distill = v;
        return this;
    }

    public RunSpecBuilder socket(RunSpec.Socket v) {
        socket = v;
        return this;
    }

    public RunSpecBuilder optimizer(RunSpec.Optimizer v) {
        optimizer = v;
        return this;
    }

    public RunSpecBuilder schedule(RunSpec.Schedule v) {
        schedule = v;
        return this;
    }

    public RunSpecBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    public RunSpecBuilder iterations(int v) {
        iterations = v;
        return this;
    }

    public RunSpecBuilder inputSize(int v) {
        inputSize = v;
        return this;
    }

    public RunSpecBuilder augmentation(RunSpec.Augmentation v) {
        augmentation = v;
        return this;
    }

    public RunSpecBuilder seed(long v) {
        seed = v;
        return this;
    }

    public RunSpecBuilder device(RunDevice v) {
        device = v;
        return this;
    }

    public RunSpecBuilder device(String v) {
        return device(RunDevice.parse(v));
    }

    public RunSpecBuilder threads(int v) {
        threads = v;
        return this;
    }

    public RunSpecBuilder checkpointEvery(int v) {
        checkpointEvery = v;
        return this;
    }

    public RunSpecBuilder logEvery(int v) {
        logEvery = v;
        return this;
    }

    public RunSpecBuilder filterSnapshots(List<Integer> v) {
        filterSnapshots = v;
        return this;
    }

    public RunSpecBuilder finetune(RunSpec.Finetune v) {
        finetune = v;
        return this;
    }

    public RunSpecBuilder tracking(RunSpec.Tracking v) {
        tracking = v;
        return this;
    }

    public RunSpecBuilder launch(RunSpec.Launch v) {
        launch = v;
        return this;
    }

    public RunSpec build() {
        return new RunSpec(name, kind, data, modality, encoding, teacher, student, adaptation, objective, socket, distill,
                optimizer, schedule, batchSize, iterations, inputSize, augmentation, seed, device, threads, checkpointEvery,
                logEvery, filterSnapshots, finetune, tracking, launch);
    }
}
