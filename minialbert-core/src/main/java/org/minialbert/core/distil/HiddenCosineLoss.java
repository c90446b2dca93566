package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * Hidden-state loss of one mapped pair, and the embedding ablation term (spec section 4): over the
 * rows in {@code sel_tok}, {@code mean(1 - x·y / sqrt((|x|² + 1e-12)(|y|² + 1e-12)))} (PyTorch
 * {@code cosine_embedding_loss} with target 1). Both widths must be equal.
 */
public final class HiddenCosineLoss {
    static final float EPSILON = 1e-12f;

    private HiddenCosineLoss() {
    }

    /**
     * @param student (B, T, H) student hidden states
     * @param teacher (B, T, H) teacher hidden states
     * @param tokenRows selects the {@code sel_tok} rows of a (B, T, ...) tensor
     */
    public static NDArray compute(NDArray student, NDArray teacher, UnaryOperator<NDArray> tokenRows) {
        NDArray x = tokenRows.apply(student);
        NDArray y = tokenRows.apply(teacher);
        int[] features = {1};
        NDArray dot = x.mul(y).sum(features);
        NDArray norms = x.square().sum(features).add(EPSILON).mul(y.square().sum(features).add(EPSILON));
        return dot.div(norms.sqrt()).neg().add(1f).mean();
    }
}
