package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;

/**
 * {@code houlsby} (Houlsby et al. 2019): a bottleneck adapter on the output of both sub-blocks,
 * before the residual, per iteration; {@code pfeiffer} (Pfeiffer et al. 2021) is the same after the
 * feed-forward block only.
 */
public class HoulsbyAdapterProvider implements LayerAdaptationProvider {

    @Override
    public String name() {
        return "houlsby";
    }

    @Override
    public String description() {
        return "per-iteration bottleneck adapters after attention and feed-forward, before the residual";
    }

    /** Whether the attention sub-block gets an adapter too. */
    boolean adaptsAttention() {
        return true;
    }

    @Override
    public LayerAdaptation create(Config settings, ModelShape shape, Weights weights) {
        int bottleneck = shape.hiddenSize() / Settings.reductionFactor(name(), settings, shape);
        List<BottleneckAdapter> attention = new ArrayList<>();
        List<BottleneckAdapter> feedForward = new ArrayList<>();
        for (int i = 0; i < shape.iterations(); i++) {
            if (adaptsAttention()) {
                attention.add(new BottleneckAdapter(weights, name() + "_adapters." + i + ".attention",
                        shape.hiddenSize(), bottleneck, false));
            }
            feedForward.add(new BottleneckAdapter(weights, name() + "_adapters." + i + ".feed_forward",
                    shape.hiddenSize(), bottleneck, false));
        }
        return new LayerAdaptation() {
            @Override
            public NDArray attentionResidual(int iteration, NDArray delta, ForwardContext context) {
                return attention.isEmpty() ? delta : attention.get(iteration).apply(delta);
            }

            @Override
            public NDArray feedForwardResidual(int iteration, NDArray delta, ForwardContext context) {
                return feedForward.get(iteration).apply(delta);
            }
        };
    }
}
