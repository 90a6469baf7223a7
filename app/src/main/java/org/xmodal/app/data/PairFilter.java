package org.xmodal.app.data;

import java.util.function.Predicate;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.Split;

/** Which pairs the list shows: by split, by class and by whether their labels may be used for training. */
public record PairFilter(SplitChoice split, ClassChoice classChoice, Labelling labelling) implements Predicate<Pair> {
    public enum SplitChoice {
        ANY("any split"), TRAIN("train"), TEST("test");

        private final String label;

        SplitChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum Labelling {
        ANY("labelled or not"), LABELLED("labelled"), UNLABELLED("unlabelled");

        private final String label;

        Labelling(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final PairFilter ALL = new PairFilter(SplitChoice.ANY, ClassChoice.ANY, Labelling.ANY);

    public PairFilter {
        split = split == null ? SplitChoice.ANY : split;
        classChoice = classChoice == null ? ClassChoice.ANY : classChoice;
        labelling = labelling == null ? Labelling.ANY : labelling;
    }

    @Override
    public boolean test(Pair p) {
        boolean splitOk = switch (split) {
            case ANY -> true;
            case TRAIN -> p.split() == Split.TRAIN;
            case TEST -> p.split() == Split.TEST;
        };
        boolean labelOk = switch (labelling) {
            case ANY -> true;
            case LABELLED -> p.labelled();
            case UNLABELLED -> !p.labelled();
        };
        return splitOk && labelOk && classChoice.accepts(p);
    }
}
