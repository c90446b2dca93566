package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Products and quotients of arrays by plain numbers that are safe in a gradient graph. Use these,
 * not {@code NDArray.mul(Number)} or {@code div(Number)}, on anything a loss is differentiated
 * through: DJL's PyTorch engine makes the number a scalar array viewing a Java buffer and closes it
 * right after the operation, but the backward pass of a product or quotient reads that scalar again.
 * By then the garbage collector may have freed the buffer, and the gradients come out as NaN or
 * garbage, rarely and at random (this is what stopped a GLUE run at update 538 of 690). Here the
 * scalar is copied into engine memory, which the graph keeps alive for as long as it needs it.
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code x * c}. */
    public static NDArray mul(NDArray x, float c) {
        return x.mul(of(x.getManager(), c));
    }

    /** {@code x / c}. */
    public static NDArray div(NDArray x, float c) {
        return x.div(of(x.getManager(), c));
    }

    /** A 0-dimensional float32 array holding {@code c} in engine memory, attached to {@code manager}. */
    private static NDArray of(NDManager manager, float c) {
        try (NDArray view = manager.create(c)) {
            return view.duplicate();
        }
    }
}
