package org.minialbert.api.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.Plugin;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weights;

/** Decides how E-wide embeddings reach width H: {@code full-rank} (E = H) or {@code factorised}. */
public interface EmbeddingFactorisationProvider extends Plugin {

    /**
     * @param weights where to create the projection's weights, scoped to the encoder
     * @throws org.minialbert.api.ConfigurationException when E and H do not suit this factorisation
     */
    EmbeddingProjection create(Config settings, ModelShape shape, Weights weights);
}
