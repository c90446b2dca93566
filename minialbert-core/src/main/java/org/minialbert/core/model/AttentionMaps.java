package org.minialbert.core.model;

/**
 * Whether an encoder pass returns its attention probabilities (B, A, T, T) per layer or iteration.
 * Distillation needs some of them (the student's for its attention loss, the teacher's of the layers
 * its loss terms read, through the per-layer overload of {@code EncoderModel.encode}), and the
 * {@code encode} command writes them unless told not to; a pass that only needs hidden states or
 * logits should not ask for them: without maps, and where attention dropout is inactive (evaluation
 * mode, or a rate of 0), each layer's attention runs as one fused operator that never holds the
 * (B, A, T, T) scores in memory, which is faster at large batches and uses less memory.
 */
public enum AttentionMaps {
    /** {@link EncoderOutputs#attentions()} holds every layer's probabilities. */
    KEEP,
    /** {@link EncoderOutputs#attentions()} is empty. */
    SKIP
}
