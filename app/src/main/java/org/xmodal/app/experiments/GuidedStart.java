package org.xmodal.app.experiments;

import java.util.Optional;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.PairedDataset;

/**
 * The guided start of a new user: from the pairs open in the Data view to a network for their modality, through
 * the paper's path (an RGB teacher, supervision transfer, fine-tuning from each initialisation, the comparison),
 * each stage a normal run, as the experiment of that modality with its default preset.
 */
public final class GuidedStart {
    static final int SEEDS = 3;

    private GuidedStart() {
    }

    /** The experiment that trains a network for {@code ds}'s modality, or empty for pairs no experiment takes. */
    public static Optional<ExperimentDraft> draftFor(PairedDataset ds) {
        if (ds == null) {
            return Optional.empty();
        }
        ExperimentKind kind = ds.modality() == Modality.FLOW ? ExperimentKind.FLOW
                : ds.modality() == Modality.DEPTH ? ExperimentKind.TABLE1 : null;
        return kind == null ? Optional.empty() : Optional.of(new ExperimentDraft(kind,
                ds.root().toAbsolutePath().toString(), kind.presets().get(0), SEEDS, "the Data view (" + ds.name()
                + ")"));
    }

    /** The button's words for {@code ds}. */
    public static String label(PairedDataset ds) {
        return ds == null ? "Train a network from these pairs…"
                : "Train a " + ds.modality().id() + " network from these pairs…";
    }

    public static final String HELP = "Leads through the paper's path with sensible defaults: an RGB teacher, "
            + "supervision transfer to the new modality, fine-tuning from each initialisation and the comparison, "
            + "each a normal run you can follow in Runs; opens the Experiments form filled for these pairs";
}
