package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.minialbert.api.nn.LayerNormLayer;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;

/**
 * The reference bottleneck adapter {@code Ad(x) = LN(x + U GELU(D x + bd) + bu)} with
 * {@code D: H -> H/r} ({@code block.0}), {@code U: H/r -> H} ({@code block.2}) and its own
 * LayerNorm ({@code norm}, eps 1e-12).
 */
final class BottleneckAdapter {
    private static final float EPS = 1e-12f;
    private final LinearLayer down;
    private final LinearLayer up;
    private final LayerNormLayer norm;

    BottleneckAdapter(Weights weights, String name, int hidden, int bottleneck) {
        this.down = weights.linear(name + ".block.0", WeightGroup.ADAPTATION, hidden, bottleneck);
        this.up = weights.linear(name + ".block.2", WeightGroup.ADAPTATION, bottleneck, hidden);
        this.norm = weights.layerNorm(name + ".norm", WeightGroup.ADAPTATION, hidden, EPS);
    }

    NDArray apply(NDArray x) {
        return norm.apply(x.add(up.apply(Activation.gelu(down.apply(x)))));
    }
}
