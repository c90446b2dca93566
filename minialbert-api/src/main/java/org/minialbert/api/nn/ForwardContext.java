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

    /**
     * Inverted dropout with drop probability {@code rate} when training, else {@code x} itself: each
     * element is zeroed with probability {@code rate} and the others scaled by {@code 1 / (1 - rate)}.
     * On the CPU the mask comes from this thread's dropout generator ({@link #seedDropout}); on a GPU
     * from the engine's.
     */
    public NDArray dropout(NDArray x, float rate) {
        if (!dropsOut(rate)) {
            return x;
        }
        if (rate >= 1f) {
            return Scalars.mul(x, 0f);
        }
        if (x.getDevice().isGpu()) {
            return Dropout.dropout(x, rate, true).singletonOrThrow();
        }
        return x.mul(DropoutMasks.draw(x.getManager(), x.getShape(), rate));
    }

    /** Whether {@link #dropout} at {@code rate} changes its input: in training mode, at a positive rate. */
    public boolean dropsOut(float rate) {
        return training && rate > 0f;
    }

    /** Seeds the calling thread's dropout generator, so that a step run again draws the same masks. */
    public static void seedDropout(long seed) {
        DropoutMasks.seed(seed);
    }
}
