package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code y = x Wᵀ + b} with W stored (out, in), as PyTorch's {@code nn.Linear}. */
public record LinearLayer(Weight weight, Weight bias) {

    /**
     * Applies the layer over the last axis of {@code x} with the {@link LinearKernel#installed()
     * installed kernel}. Inputs of three or more axes are flattened to rows first: on them PyTorch's
     * CPU {@code linear} multiplies and then adds the bias in a second pass over the output, while on
     * rows the bias is part of the product ({@code addmm}).
     */
    public NDArray apply(NDArray x) {
        LinearKernel kernel = LinearKernel.installed();
        Shape shape = x.getShape();
        int axes = shape.dimension();
        if (axes <= 2) {
            return kernel.linear(x, weight.value(), bias.value());
        }
        NDArray rows = x.reshape(-1, shape.get(axes - 1));
        return kernel.linear(rows, weight.value(), bias.value()).reshape(shape.slice(0, axes - 1).add(outputWidth()));
    }

    public int inputWidth() {
        return (int) weight.shape().get(1);
    }

    public int outputWidth() {
        return (int) weight.shape().get(0);
    }
}
