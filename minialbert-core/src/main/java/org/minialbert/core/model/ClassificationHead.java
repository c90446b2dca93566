package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;

/**
 * Fine-tuning heads of spec section 7, both named {@code classifier}: sequence classification
 * ({@code Linear(dropout(o_N[:, 0, :]))}, the [CLS] vector without a pooler; one label means
 * regression) and token classification ({@code Linear(dropout(o_N))} for every token).
 */
final class ClassificationHead {
    private final LinearLayer classifier;
    private final boolean perToken;
    private final float dropout;

    ClassificationHead(Weights weights, EncoderConfig config, int labels, boolean perToken) {
        this.classifier = weights.linear("classifier", WeightGroup.HEAD, config.hiddenSize(), labels);
        this.perToken = perToken;
        this.dropout = config.classifierDropout();
    }

    /** (B, labels) for sequences, (B, T, labels) for tokens. */
    NDArray logits(NDArray lastHiddenState, ForwardContext context) {
        NDArray features = perToken ? lastHiddenState : lastHiddenState.get(new NDIndex(":, 0, :"));
        return classifier.apply(context.dropout(features, dropout));
    }
}
