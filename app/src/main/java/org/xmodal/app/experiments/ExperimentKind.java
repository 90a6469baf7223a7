package org.xmodal.app.experiments;

import java.util.List;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.experiment.FlowPreset;
import org.xmodal.engine.experiment.RobustPreset;
import org.xmodal.engine.experiment.SocketPreset;
import org.xmodal.engine.experiment.Table1Preset;

/** The experiments the engine runs ({@code ./xmodal experiment NAME}), as the Experiments page offers them. */
public enum ExperimentKind {
    TABLE1("table1", "Table 1: which initialisation helps depth detection", Modality.DEPTH, Table1Preset.names(),
            "An RGB teacher, a supervision transfer to depth, then each initialisation (none, copied from RGB, "
                    + "transferred, ...) fine-tuned for detection on the labelled pairs, per seed, with per-class AP "
                    + "tables."),
    SOCKET("socket", "SOCKET: source-free transfer to depth", Modality.DEPTH, SocketPreset.names(),
            "An RGB source model, then SOCKET's ablation of its losses adapting a depth network without the source "
                    + "labels, per seed, with scene accuracy tables."),
    ROBUST("robust", "Robust distillation under noisy pairs", Modality.DEPTH, RobustPreset.names(),
            "An RGB teacher on clean pairs, then each distillation objective (plain, MNF, CSC, ...) at each level of "
                    + "corrupted pairs, per seed."),
    FLOW("flow", "Supervision transfer from RGB to optical flow", Modality.FLOW, FlowPreset.names(),
            "An RGB teacher, a transfer to flow and supervised pre-training, then each initialisation fine-tuned "
                    + "to classify the clips' actions, per seed.");

    private final String command;
    private final String title;
    private final Modality modality;
    private final List<String> presets;
    private final String description;

    ExperimentKind(String command, String title, Modality modality, List<String> presets, String description) {
        this.command = command;
        this.title = title;
        this.modality = modality;
        this.presets = List.copyOf(presets);
        this.description = description;
    }

    /** The engine's name for it ({@code ./xmodal experiment table1}), also what results/stages.json says. */
    public String command() {
        return command;
    }

    public String title() {
        return title;
    }

    /** The pairs it needs. */
    public Modality modality() {
        return modality;
    }

    /** Its built-in presets, the default first. */
    public List<String> presets() {
        return presets;
    }

    public String description() {
        return description;
    }

    /** The kind the engine calls {@code command}, or null. */
    public static ExperimentKind byCommand(String command) {
        for (ExperimentKind k : values()) {
            if (k.command.equals(command)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return title;
    }
}
