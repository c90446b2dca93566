package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What an encoder returns: {@code hiddenStates} = [embedding output (after the projection for a
 * student), output of layer/iteration 1, ..., N] and {@code attentions} = the attention
 * probabilities (B, A, T, T) of each layer/iteration (empty when the pass was asked for none,
 * {@link AttentionMaps#SKIP}; with the per-layer overload, {@link EncoderModel#encode(EncoderInputs,
 * org.minialbert.api.nn.ForwardContext, java.util.function.IntPredicate)}, one entry per layer, null
 * where the map was not kept).
 */
public record EncoderOutputs(List<NDArray> hiddenStates, List<NDArray> attentions) {

    public NDArray lastHiddenState() {
        return hiddenStates.get(hiddenStates.size() - 1);
    }
}
