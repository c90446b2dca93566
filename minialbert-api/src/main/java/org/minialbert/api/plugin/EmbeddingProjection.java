package org.minialbert.api.plugin;

import ai.djl.ndarray.NDArray;

/**
 * Maps the E-wide token embeddings to the hidden width H (ALBERT's embedding factorisation,
 * MiniALBERT's {@code projector}); the identity for a full-rank embedding.
 */
public interface EmbeddingProjection {

    NDArray project(NDArray embeddings);
}
