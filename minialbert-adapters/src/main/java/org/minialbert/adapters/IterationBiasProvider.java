package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;

/** {@code bias}: per-iteration bias vectors added to both sub-blocks' outputs before the residual (BitFit-like). */
public final class IterationBiasProvider implements LayerAdaptationProvider {

    @Override
    public String name() {
        return "bias";
    }

    @Override
    public String description() {
        return "per-iteration biases added to the attention and feed-forward outputs";
    }

    @Override
    public LayerAdaptation create(Config settings, ModelShape shape, Weights weights) {
        List<Weight> attention = new ArrayList<>();
        List<Weight> feedForward = new ArrayList<>();
        for (int i = 0; i < shape.iterations(); i++) {
            attention.add(weights.zeros("iteration_biases." + i + ".attention", WeightGroup.ADAPTATION,
                    new Shape(shape.hiddenSize())));
            feedForward.add(weights.zeros("iteration_biases." + i + ".feed_forward", WeightGroup.ADAPTATION,
                    new Shape(shape.hiddenSize())));
        }
        return new LayerAdaptation() {
            @Override
            public NDArray attentionResidual(int iteration, NDArray delta, ForwardContext context) {
                return delta.add(attention.get(iteration).value());
            }

            @Override
            public NDArray feedForwardResidual(int iteration, NDArray delta, ForwardContext context) {
                return delta.add(feedForward.get(iteration).value());
            }
        };
    }
}
