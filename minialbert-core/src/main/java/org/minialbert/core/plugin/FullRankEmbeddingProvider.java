package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.EmbeddingFactorisationProvider;
import org.minialbert.api.plugin.EmbeddingProjection;

/** Full-rank embedding: the tables are already H wide (E = H) and nothing is projected. */
public final class FullRankEmbeddingProvider implements EmbeddingFactorisationProvider {

    @Override
    public String name() {
        return "full-rank";
    }

    @Override
    public String description() {
        return "embedding tables of the hidden width, no projection (E = H)";
    }

    @Override
    public EmbeddingProjection create(Config settings, ModelShape shape, Weights weights) {
        if (shape.embeddingSize() != shape.hiddenSize()) {
            throw new ConfigurationException("a full-rank embedding needs embedding_size = hidden_size, found E = "
                    + shape.embeddingSize() + " and H = " + shape.hiddenSize() + "; use the 'factorised' embedding "
                    + "or set E = H");
        }
        return embeddings -> embeddings;
    }
}
