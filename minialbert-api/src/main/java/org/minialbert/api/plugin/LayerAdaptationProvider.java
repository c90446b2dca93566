package org.minialbert.api.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.Plugin;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weights;

/** Creates the per-iteration adaptation modules of one model, e.g. {@code bottleneck}. */
public interface LayerAdaptationProvider extends Plugin {

    /**
     * @param settings the adaptation's settings, defaults included
     * @param shape the encoder's widths and iteration count
     * @param weights where to create the modules' weights, scoped to the encoder (names relative to
     *     it, e.g. {@code att_adapters.0.block.0.weight} for the reference adapter)
     * @throws org.minialbert.api.ConfigurationException when the settings do not fit the shape
     */
    LayerAdaptation create(Config settings, ModelShape shape, Weights weights);
}
