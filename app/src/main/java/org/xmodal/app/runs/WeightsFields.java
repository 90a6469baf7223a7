package org.xmodal.app.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.run.RunStatus;

/**
 * The run form's fields that name trained weights, and which runs each takes: a teacher is an RGB network (a teacher
 * run, or a fine-tuning run on RGB such as the robust teacher), SOCKET's source model is a fine-tuning run on RGB,
 * and a network may start from any run's weights (only the parameters of the same shape are taken), though the runs
 * worth starting from are teachers (the paper's copy from RGB) and transfers (their student). The form offers the
 * finished ones of these, newest first, and refuses a run of another kind before the run can start.
 */
enum WeightsFields {
    TEACHER("teacher.weights", "an RGB network's: a teacher run, or a fine-tuning run on rgb"),
    STUDENT_INIT("student.init", null),
    FINETUNE_INIT("finetune.init", null),
    SOCKET_SOURCE("socket.source", "a trained RGB source model's: a fine-tuning run on rgb (as the socket-source "
            + "preset)");

    /** What an initialisation field offers first: random weights. */
    static final String RANDOM = "random";

    private final String key;
    /** What the field takes, said when a run of another kind is named; null: any run with weights. */
    private final String takes;

    WeightsFields(String key, String takes) {
        this.key = key;
        this.takes = takes;
    }

    String key() {
        return key;
    }

    static Optional<WeightsFields> of(String key) {
        for (WeightsFields f : values()) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether the field takes a run of this spec's kind. */
    boolean takes(SpecSummary spec) {
        return switch (this) {
            case TEACHER -> "teacher".equals(spec.kind()) || rgbFinetune(spec);
            case SOCKET_SOURCE -> rgbFinetune(spec);
            case STUDENT_INIT, FINETUNE_INIT -> true;
        };
    }

    /** Why the field refuses a run of this spec's kind, or empty when it takes it. */
    Optional<String> refusal(String runId, SpecSummary spec) {
        if (takes(spec)) {
            return Optional.empty();
        }
        String what = "finetune".equals(spec.kind()) ? "a fine-tuning run on " + (spec.finetuneInput() == null
                ? "paired" : spec.finetuneInput()) + " input" : "a " + spec.kind() + " run";
        return Optional.of(runId + " is " + what + "; the weights here are " + takes);
    }

    /** Whether the form offers a run in the field's list: finished, and of a kind worth picking there. */
    private boolean offers(RunSummary run) {
        if (run.status().state() != RunStatus.State.FINISHED || run.spec().problem() != null) {
            return false;
        }
        return switch (this) {
            case TEACHER, SOCKET_SOURCE -> takes(run.spec());
            case STUDENT_INIT, FINETUNE_INIT -> "teacher".equals(run.spec().kind())
                    || "transfer".equals(run.spec().kind());
        };
    }

    /** The field's list: "random" first for an initialisation, then the runs it offers in the order given. */
    List<String> offered(List<RunSummary> runs) {
        List<String> out = new ArrayList<>();
        if (this == STUDENT_INIT || this == FINETUNE_INIT) {
            out.add(RANDOM);
        }
        runs.stream().filter(this::offers).map(RunSummary::id).forEach(out::add);
        return out;
    }

    private static boolean rgbFinetune(SpecSummary spec) {
        return "finetune".equals(spec.kind()) && "rgb".equals(spec.finetuneInput());
    }
}
