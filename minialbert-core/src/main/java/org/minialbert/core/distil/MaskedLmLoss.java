package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;

/**
 * MLM loss (spec section 4): cross-entropy of the student's logits against the labels over
 * {@code sel_mlm}, mean over those positions, {@code -(1/|sel_mlm|) Σ_rows log_softmax(s)_label}
 * (PyTorch {@code CrossEntropyLoss} with {@code ignore_index = -100}).
 */
public final class MaskedLmLoss {
    private MaskedLmLoss() {
    }

    /**
     * @param logits (rows, V) student logits of the labelled positions
     * @param labels (rows) INT64 target ids
     */
    public static NDArray compute(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(-1);
        return logProbabilities.gather(labels.reshape(-1, 1), 1).mean().neg();
    }
}
