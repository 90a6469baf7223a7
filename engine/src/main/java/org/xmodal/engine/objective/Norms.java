package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;

/** Norms the terms share. */
final class Norms {
    /**
     * Added under the square root so that the gradient stays finite where the difference is exactly zero (PyTorch's
     * {@code torch.norm} gives 0 there; sqrt's derivative would be infinite). It moves a norm by at most 1e-6.
     */
    static final float SQRT_FLOOR = 1e-12f;

    private Norms() {
    }

    /**
     * Added under the square root of each row's squared norm in {@link #unitRows}: PyTorch's {@code F.normalize}
     * divides by {@code max(||x||, 1e-12)}, and this floor of 1e-24 under the root gives the same 1e-12 for a zero
     * row (so the same finite gradient there), and moves no norm above 1e-8 beyond float32 rounding.
     */
    static final float ROW_FLOOR = 1e-24f;

    /** The Euclidean (Frobenius) norm of every element, unsquared. */
    static NDArray l2(NDArray x) {
        return x.square().sum().add(SQRT_FLOOR).sqrt();
    }

    /** Each row of (rows, d) divided by its Euclidean norm, as {@code F.normalize(x, dim=1)}. */
    static NDArray unitRows(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(ROW_FLOOR).sqrt());
    }

    /** The cosine of each row of {@code a} with the same row of {@code b}, (rows). */
    static NDArray rowCosines(NDArray a, NDArray b) {
        return unitRows(a).mul(unitRows(b)).sum(new int[] {1});
    }
}
