package org.xmodal.app.data;

import java.util.function.Predicate;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.Split;

/**
 * Which pairs the list shows: by split, by class, by whether their labels may be used for training and by whether
 * their teacher's view (the RGB image) was corrupted on purpose (noisy pairs).
 */
public record PairFilter(SplitChoice split, ClassChoice classChoice, Labelling labelling, TeacherView teacherView)
        implements Predicate<Pair> {
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

    /** Noisy pairs (their RGB spoiled, see {@link Pair#corruption()}) or clean ones. */
    public enum TeacherView {
        ANY("corrupted or not"), CORRUPTED("corrupted"), CLEAN("clean");

        private final String label;

        TeacherView(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final PairFilter ALL = new PairFilter(SplitChoice.ANY, ClassChoice.ANY, Labelling.ANY,
            TeacherView.ANY);

    public PairFilter {
        split = split == null ? SplitChoice.ANY : split;
        classChoice = classChoice == null ? ClassChoice.ANY : classChoice;
        labelling = labelling == null ? Labelling.ANY : labelling;
        teacherView = teacherView == null ? TeacherView.ANY : teacherView;
    }

    /** Whatever the teacher's view. */
    public PairFilter(SplitChoice split, ClassChoice classChoice, Labelling labelling) {
        this(split, classChoice, labelling, TeacherView.ANY);
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
        boolean viewOk = switch (teacherView) {
            case ANY -> true;
            case CORRUPTED -> p.corrupted();
            case CLEAN -> !p.corrupted();
        };
        return splitOk && labelOk && viewOk && classChoice.accepts(p);
    }
}
