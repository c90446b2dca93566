package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/**
 * How a forward pass runs: in training mode dropout is active, in evaluation mode (the default for
 * inference and for the frozen teacher) it is the identity, so outputs are deterministic.
 */
public record ForwardContext(boolean training) {
    public static final ForwardContext EVAL = new ForwardContext(false);
    public static final ForwardContext TRAIN = new ForwardContext(true);

    /** Inverted dropout with drop probability {@code rate} when training, else {@code x} itself. */
    public NDArray dropout(NDArray x, float rate) {
        if (!training || rate <= 0f) {
            return x;
        }
        return Dropout.dropout(x, rate, true).singletonOrThrow();
    }
}
