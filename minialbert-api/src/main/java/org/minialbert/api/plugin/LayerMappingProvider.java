package org.minialbert.api.plugin;

import com.typesafe.config.Config;
import java.util.List;
import org.minialbert.api.Plugin;

/**
 * Aligns student iterations with teacher layers for the alignment losses (spec section 3), e.g.
 * {@code every-k} (k = 2 gives the reference {@code g(i) = 2i + 1}). Core validates the result
 * against both models (one entry per iteration, each a teacher layer index).
 */
public interface LayerMappingProvider extends Plugin {

    /**
     * @return g(0..N-1), 0-based teacher layer indices
     * @throws org.minialbert.api.ConfigurationException when the settings do not fit
     */
    List<Integer> teacherLayers(Config settings, int iterations, int teacherLayers);
}
