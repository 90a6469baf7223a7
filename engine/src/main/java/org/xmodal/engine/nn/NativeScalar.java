package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Numbers in operations that autograd records. DJL turns the number of {@code x.mul(2f)} into a 0-dimensional
 * tensor over a Java direct buffer and closes it straight after the operation; autograd, which keeps that tensor
 * for the backward pass (the gradient of {@code x * c} is {@code c}), is then left pointing into a buffer that the
 * next garbage collection frees. A collection between forward and backward (every few steps in a run) turns the
 * gradient into whatever the memory holds by then: in a test, 17 of 20 gradients of {@code x.mul(3f)} came back as
 * 6.9e-41 or -2.3e38 instead of 3. A tensor the engine allocates itself is reference-counted, so autograd's copy of
 * it stays valid: use {@link #of} for every number that multiplies, divides or raises an array that needs a
 * gradient (adding and subtracting keep nothing and are safe).
 */
public final class NativeScalar {
    private NativeScalar() {
    }

    /** A 0-dimensional float32 array holding {@code value}, allocated by the engine in {@code manager}. */
    public static NDArray of(NDManager manager, float value) {
        return manager.full(new Shape(), value);
    }
}
