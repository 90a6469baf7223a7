package org.xmodal.engine.data;

/**
 * A deterministic train/test split of ordered groups (scenes, video sequences) for datasets that come without an
 * official one. Whole groups go to one side, because frames of one scene or video look alike and would leak the
 * test set into training. Test groups are spread evenly through the order (every k-th, in effect), so that a
 * dataset sorted by scene type does not put whole types on one side.
 */
public final class GroupSplit {
    private GroupSplit() {
    }

    /**
     * The split of the group at position {@code ordinal} (0-based) when a fraction {@code testFraction} of the
     * groups is for testing: group j is a test group when floor((j + 1) f) exceeds floor(j f).
     */
    public static Split of(int ordinal, double testFraction) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("group ordinal must not be negative, got " + ordinal);
        }
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
        // The small epsilon keeps fractions like 0.2 from landing just below an integer through rounding.
        long before = (long) Math.floor(ordinal * testFraction + 1e-9);
        long after = (long) Math.floor((ordinal + 1) * testFraction + 1e-9);
        return after > before ? Split.TEST : Split.TRAIN;
    }
}
