package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.EmbeddingFactorisationProvider;
import org.minialbert.api.plugin.EmbeddingProjection;

/**
 * Factorised embedding (ALBERT section 3.1, MiniALBERT's {@code projector}): E-wide tables followed by
 * a learned linear map {@code x = e Wp + bp} from E to H.
 */
public final class FactorisedEmbeddingProvider implements EmbeddingFactorisationProvider {

    @Override
    public String name() {
        return "factorised";
    }

    @Override
    public String description() {
        return "E-wide embedding tables and a learned E -> H projection (the reference 'projector')";
    }

    @Override
    public EmbeddingProjection create(Config settings, ModelShape shape, Weights weights) {
        LinearLayer projector = weights.linear("projector", WeightGroup.PROJECTION, shape.embeddingSize(),
                shape.hiddenSize());
        return projector::apply;
    }
}
