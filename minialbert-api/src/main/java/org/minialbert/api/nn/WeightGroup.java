package org.minialbert.api.nn;

/**
 * What part of a model a weight belongs to, for parameter counts reported like the paper's
 * "#Params" (which exclude task and MLM heads) and for choosing what adapter tuning trains.
 */
public enum WeightGroup {
    /** Word, position and token-type tables and the embedding LayerNorm. */
    EMBEDDINGS(true),
    /** The E to H projection of a factorised embedding. */
    PROJECTION(true),
    /** Attention and feed-forward weights of the (shared) transformer layers. */
    LAYERS(true),
    /** Per-iteration adaptation modules (bottleneck adapters and alternatives). */
    ADAPTATION(true),
    /** MLM and classification heads: not part of the encoder's parameter count. */
    HEAD(false);

    private final boolean encoder;

    WeightGroup(boolean encoder) {
        this.encoder = encoder;
    }

    /** Whether the group counts towards the encoder's parameters as the paper reports them. */
    public boolean isEncoder() {
        return encoder;
    }
}
