package org.minialbert.api.plugin;

import org.minialbert.api.nn.Weight;

/**
 * A model's embedding weights: word, position and token-type tables (E wide), their LayerNorm, and
 * the E -> H projection (null for a full-rank embedding).
 */
public record EmbeddingTables(Weight word, Weight position, Weight tokenType, Weight layerNormWeight,
        Weight layerNormBias, Weight projectorWeight, Weight projectorBias) {
}
