package org.xmodal.engine.experiment;

import java.util.List;

/**
 * One arm of the paper's flow experiment (Gupta et al., section 5.3: RGB to optical flow, then action recognition):
 * where the flow network that is fine-tuned on the few labelled clips starts from.
 *
 * @param name  the arm's name in {@code summary.json} (CONTRACT)
 * @param label the paper's words for it
 */
public record FlowArm(String name, String label) {
    public static final FlowArm NO_INIT = new FlowArm("no-init", "no init (random weights)");
    public static final FlowArm COPY_RGB = new FlowArm("copy-rgb", "copy from RGB (the RGB teacher's weights)");
    public static final FlowArm TRANSFER = new FlowArm("transfer",
            "supervision transfer from the RGB teacher on unlabelled clips");
    public static final FlowArm SUPERVISED = new FlowArm("supervised",
            "supervised pre-training on the flow images' action labels (the upper reference)");

    /**
     * The RGB teacher fine-tuned on the labelled clips' RGB frames: how much of the classes the teacher's modality
     * sees, hence how much the teacher has to pass on (the paper's appearance stream; on JHMDB, RGB alone is
     * informative, while synthetic action clips are made so that it is not).
     */
    public static final FlowArm RGB = new FlowArm("rgb", "RGB alone (the RGB teacher fine-tuned on the RGB frames)");

    /** Every arm, in the table's order. */
    public static final List<FlowArm> ALL = List.of(NO_INIT, COPY_RGB, TRANSFER, SUPERVISED, RGB);

    /**
     * The paper's ordering on JHMDB (no init 31.7, supervision transfer 35.7, supervised pre-training 38.4), each
     * (better arm, worse arm); copy from RGB is not in the paper's flow table, so it is compared with nothing.
     */
    public static final List<List<String>> ORDERINGS = List.of(
            List.of(TRANSFER.name, NO_INIT.name),
            List.of(SUPERVISED.name, TRANSFER.name),
            List.of(SUPERVISED.name, NO_INIT.name));

    /** The arm by name. */
    public static FlowArm named(String name) {
        return ALL.stream().filter(a -> a.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no flow-experiment arm " + name));
    }
}
