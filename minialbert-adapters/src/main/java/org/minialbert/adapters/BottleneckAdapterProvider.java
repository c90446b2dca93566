package org.minialbert.adapters;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;

/**
 * {@code bottleneck}: the reference MiniALBERT adapters ({@code att_adapters.i}, {@code mlp_adapters.i})
 * with bottleneck width H / {@code reduction-factor}.
 */
public final class BottleneckAdapterProvider implements LayerAdaptationProvider {

    @Override
    public String name() {
        return "bottleneck";
    }

    @Override
    public String description() {
        return "per-iteration bottleneck adapters on the inputs of attention and feed-forward (reference)";
    }

    @Override
    public LayerAdaptation create(Config settings, ModelShape shape, Weights weights) {
        int reduction = Settings.reductionFactor(name(), settings, shape);
        List<BottleneckAdapter> attention = new ArrayList<>();
        List<BottleneckAdapter> feedForward = new ArrayList<>();
        for (int i = 0; i < shape.iterations(); i++) {
            attention.add(new BottleneckAdapter(weights, "att_adapters." + i, shape.hiddenSize(),
                    shape.hiddenSize() / reduction, true));
        }
        for (int i = 0; i < shape.iterations(); i++) {
            feedForward.add(new BottleneckAdapter(weights, "mlp_adapters." + i, shape.hiddenSize(),
                    shape.hiddenSize() / reduction, true));
        }
        return new BottleneckAdaptation(attention, feedForward, reduction);
    }
}
