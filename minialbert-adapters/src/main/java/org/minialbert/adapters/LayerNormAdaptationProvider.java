package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;
import org.minialbert.api.plugin.Sublayer;

/**
 * {@code layer-norm}: per-iteration LayerNorms around the shared weights: each sub-block's shared
 * LayerNorm output is rescaled and shifted per iteration, {@code LN(x) (1 + s_i) + b_i}, with
 * {@code s_i} and {@code b_i} starting at zero.
 */
public final class LayerNormAdaptationProvider implements LayerAdaptationProvider {

    @Override
    public String name() {
        return "layer-norm";
    }

    @Override
    public String description() {
        return "per-iteration scale and shift of the shared LayerNorms";
    }

    @Override
    public LayerAdaptation create(Config settings, ModelShape shape, Weights weights) {
        List<Weight[]> parameters = new ArrayList<>();
        for (int i = 0; i < shape.iterations(); i++) {
            for (Sublayer sublayer : Sublayer.values()) {
                String prefix = "layer_norms." + i + "." + (sublayer == Sublayer.ATTENTION ? "attention" : "feed_forward");
                parameters.add(new Weight[] {
                    weights.zeros(prefix + ".scale", WeightGroup.ADAPTATION, new Shape(shape.hiddenSize())),
                    weights.zeros(prefix + ".shift", WeightGroup.ADAPTATION, new Shape(shape.hiddenSize()))});
            }
        }
        return new LayerAdaptation() {
            @Override
            public NDArray layerNorm(int iteration, Sublayer which, NDArray x, UnaryOperator<NDArray> shared) {
                Weight[] p = parameters.get(iteration * 2 + which.ordinal());
                NDArray normed = shared.apply(x);
                return normed.add(normed.mul(p[0].value())).add(p[1].value());
            }
        };
    }
}
