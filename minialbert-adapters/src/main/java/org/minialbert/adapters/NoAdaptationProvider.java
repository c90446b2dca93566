package org.minialbert.adapters;

import com.typesafe.config.Config;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;

/** {@code none}: no layer-wise adaptation; every iteration applies the shared layer as it is. */
public final class NoAdaptationProvider implements LayerAdaptationProvider {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String description() {
        return "no per-iteration modules (plain recursive transformer)";
    }

    @Override
    public LayerAdaptation create(Config settings, ModelShape shape, Weights weights) {
        return LayerAdaptation.NONE;
    }
}
