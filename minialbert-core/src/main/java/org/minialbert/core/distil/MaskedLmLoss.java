package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import org.minialbert.core.train.CrossEntropy;

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
        return CrossEntropy.mean(logits, labels);
    }
}
