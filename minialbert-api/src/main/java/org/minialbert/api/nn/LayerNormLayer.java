package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** LayerNorm over the last axis with learned scale and shift: {@code γ (x - μ) / sqrt(σ² + eps) + β}. */
public record LayerNormLayer(Weight weight, Weight bias, float eps) {

    public NDArray apply(NDArray x) {
        return LayerNorm.layerNorm(x, new Shape(weight.shape().get(0)), weight.value(), bias.value(), eps)
                .singletonOrThrow();
    }
}
