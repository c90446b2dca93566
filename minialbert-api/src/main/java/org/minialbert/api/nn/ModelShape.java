package org.minialbert.api.nn;

/**
 * The widths a component needs to size its weights: hidden width H, embedding width E, attention
 * heads A, feed-forward width I, iterations N (layers for a teacher) and the LayerNorm epsilon.
 */
public record ModelShape(int hiddenSize, int embeddingSize, int attentionHeads, int intermediateSize,
        int iterations, float layerNormEps) {

    /** Width of one attention head, H / A. */
    public int headSize() {
        return hiddenSize / attentionHeads;
    }
}
