package org.xmodal.app.data;

import java.util.Optional;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;

/** How a pair is named in lists and titles. */
public final class PairText {
    private PairText() {
    }

    /** "train · labelled · bedroom · 9 objects", and "· RGB corrupted (swap)" for a noisy pair. */
    public static String details(Pair p) {
        return details(p, null);
    }

    /**
     * As {@link #details(Pair)}, with "(task-irrelevant)" after the scene when {@code ds} marks its class so (SOCKET's
     * paired data of other classes).
     */
    public static String details(Pair p, PairedDataset ds) {
        StringBuilder sb = new StringBuilder(p.split().id()).append(" \u00b7 ")
                .append(p.labelled() ? "labelled" : "unlabelled");
        p.annotation().scene().ifPresent(s -> sb.append(" \u00b7 ").append(s.replace('_', ' '))
                .append(ds != null && ds.isTaskIrrelevant(p) ? " (task-irrelevant)" : ""));
        int n = p.annotation().objects().size();
        if (n > 0) {
            sb.append(" \u00b7 ").append(n).append(n == 1 ? " object" : " objects");
        }
        p.corruption().ifPresent(c -> sb.append(" \u00b7 RGB corrupted (").append(c.kind().id()).append(')'));
        return sb.toString();
    }

    /**
     * How a noisy pair's teacher view was spoiled, as a sentence ("teacher's view corrupted: swapped with
     * scene-000123 (kitchen), another scene class"); empty for a clean pair.
     */
    public static Optional<String> corruption(Pair p) {
        return p.corruption().map(Corruption::describe);
    }

    public static String describe(Pair p) {
        return p.id() + " \u00b7 " + details(p);
    }
}
