package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.minialbert.api.nn.LayerNormLayer;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;

/**
 * A bottleneck adapter {@code x + U GELU(D x + bd) + bu} with {@code D: H -> H/r} ({@code block.0})
 * and {@code U: H/r -> H} ({@code block.2}). The reference MiniALBERT adapter closes it with its own
 * LayerNorm ({@code norm}, eps 1e-12); the Houlsby and Pfeiffer adapters have none.
 */
final class BottleneckAdapter {
    private static final float EPS = 1e-12f;
    private final LinearLayer down;
    private final LinearLayer up;
    private final LayerNormLayer norm;

    BottleneckAdapter(Weights weights, String name, int hidden, int bottleneck, boolean normed) {
        this.down = weights.linear(name + ".block.0", WeightGroup.ADAPTATION, hidden, bottleneck);
        this.up = weights.linear(name + ".block.2", WeightGroup.ADAPTATION, bottleneck, hidden);
        this.norm = normed ? weights.layerNorm(name + ".norm", WeightGroup.ADAPTATION, hidden, EPS) : null;
    }

    NDArray apply(NDArray x) {
        NDArray out = x.add(up.apply(Activation.gelu(down.apply(x))));
        return norm == null ? out : norm.apply(out);
    }
}
