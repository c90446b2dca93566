package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/** {@code y = x Wᵀ + b} with W stored (out, in), as PyTorch's {@code nn.Linear}. */
public record LinearLayer(Weight weight, Weight bias) {

    public NDArray apply(NDArray x) {
        return Linear.linear(x, weight.value(), bias.value()).singletonOrThrow();
    }

    public int inputWidth() {
        return (int) weight.shape().get(1);
    }

    public int outputWidth() {
        return (int) weight.shape().get(0);
    }
}
