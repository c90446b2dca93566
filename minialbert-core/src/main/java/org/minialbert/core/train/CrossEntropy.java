package org.minialbert.core.train;

import ai.djl.ndarray.NDArray;

/**
 * Mean cross-entropy of logits against class indices, {@code -(1/n) Σ_rows log_softmax(logits)_label}
 * (PyTorch {@code CrossEntropyLoss}, mean reduction).
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * @param logits (n, C)
     * @param labels (n) INT64 class indices
     */
    public static NDArray mean(NDArray logits, NDArray labels) {
        return logits.logSoftmax(-1).gather(labels.reshape(-1, 1), 1).mean().neg();
    }
}
