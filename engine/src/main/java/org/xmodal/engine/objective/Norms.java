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

    /** The Euclidean (Frobenius) norm of every element, unsquared. */
    static NDArray l2(NDArray x) {
        return x.square().sum().add(SQRT_FLOOR).sqrt();
    }
}
