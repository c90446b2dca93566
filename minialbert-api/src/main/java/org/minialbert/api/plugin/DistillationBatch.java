package org.minialbert.api.plugin;

import ai.djl.ndarray.NDArray;

/**
 * What a loss term sees of one distillation batch: both models' hidden states and attention maps,
 * the layer mapping, the selected rows, and the MLM logits of the labelled positions. Teacher
 * tensors carry no gradient.
 */
public interface DistillationBatch {

    /** Student {@code hidden_states[index]} (B, T, H_s); index 0 is the embedding output. */
    NDArray studentHidden(int index);

    /** Teacher {@code hidden_states[index]} (B, T, H_t). */
    NDArray teacherHidden(int index);

    /** Student attention probabilities of iteration i (B, A_s, T, T). */
    NDArray studentAttention(int iteration);

    /**
     * Teacher attention probabilities of layer l (B, A_t, T, T).
     *
     * @throws IllegalStateException if the term did not declare this layer's map ({@link LossTerm#teacherMaps})
     */
    NDArray teacherAttention(int layer);

    /** g(pair): the teacher layer aligned with student iteration {@code pair}. */
    int teacherLayer(int pair);

    /** The rows of a (B, T, ...) tensor at real tokens ({@code sel_tok}): (rows, ...). */
    NDArray tokenRows(NDArray batchMajor);

    /** The same selection as a (B, T) float32 mask: 1 at real tokens, 0 at padding. */
    NDArray tokenMask();

    /** Student MLM logits of the labelled positions ({@code sel_mlm}): (rows, V). */
    NDArray studentLogits();

    /**
     * Teacher MLM logits of the labelled positions (a term that needs them runs only with a teacher
     * that has an MLM head).
     *
     * @throws IllegalStateException if the term did not declare them ({@link LossTerm#needsTeacherLogits})
     */
    NDArray teacherLogits();

    /** The MLM labels of the labelled positions: (rows) INT64. */
    NDArray labels();
}
