package org.xmodal.engine.experiment;

import java.util.List;

/**
 * One row of the paper's Table 1: how a detector was initialised and what it sees, or which two detectors' scores
 * are averaged (late fusion, RGB + depth).
 *
 * @param name       the arm's name in {@code summary.json} (CONTRACT)
 * @param label      the paper's words for it
 * @param input      {@code paired} or {@code rgb}; null for a fusion arm
 * @param init       {@link #RANDOM}, {@link #TEACHER} (the RGB network's weights) or {@link #STUDENT} (the transfer
 *                   student's); null for a fusion arm
 * @param freezeUpTo the tap up to which the initial weights stay fixed, or null
 * @param fused      the two trained arms whose pre-softmax scores are averaged, or empty
 */
public record Table1Arm(String name, String label, String input, String init, String freezeUpTo,
                        List<String> fused) {
    public static final String RANDOM = "random";
    public static final String TEACHER = "teacher";
    public static final String STUDENT = "student";
    /** Late fusion's weight of the first fused arm's pre-softmax scores, the second's being 1 - this (the paper's). */
    public static final double FUSION_WEIGHT = 0.5;

    public static final Table1Arm NO_INIT = trained("no-init", "no init", "paired", RANDOM, null);
    public static final Table1Arm COPY_RGB = trained("copy-rgb", "copy from RGB", "paired", TEACHER, null);
    public static final Table1Arm TRANSFER = trained("transfer", "supervision transfer", "paired", STUDENT, null);
    public static final Table1Arm TRANSFER_FROZEN = trained("transfer-frozen",
            "supervision transfer, ft fc only (frozen up to pool5)", "paired", STUDENT, "pool5");
    public static final Table1Arm RGB = trained("rgb", "RGB alone", "rgb", TEACHER, null);
    public static final Table1Arm RGB_COPY_RGB = new Table1Arm("rgb+copy-rgb", "RGB + copy from RGB (late fusion)",
            null, null, null, List.of(RGB.name, COPY_RGB.name));
    public static final Table1Arm RGB_TRANSFER = new Table1Arm("rgb+transfer",
            "RGB + supervision transfer (late fusion)", null, null, null, List.of(RGB.name, TRANSFER.name));

    /** Every arm, in the table's order. */
    public static final List<Table1Arm> ALL = List.of(NO_INIT, COPY_RGB, TRANSFER, TRANSFER_FROZEN, RGB,
            RGB_COPY_RGB, RGB_TRANSFER);

    public Table1Arm {
        fused = fused == null ? List.of() : List.copyOf(fused);
    }

    private static Table1Arm trained(String name, String label, String input, String init, String freeze) {
        return new Table1Arm(name, label, input, init, freeze, List.of());
    }

    public boolean isFusion() {
        return !fused.isEmpty();
    }

    /** The arms that train a network, in the table's order. */
    public static List<Table1Arm> trained() {
        return ALL.stream().filter(a -> !a.isFusion()).toList();
    }
}
