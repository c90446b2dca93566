package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.plugin.LayerAdaptation;

/**
 * Reference placement of MiniALBERT's layer-wise adaptation: at iteration i, {@code AttAd_i} is
 * applied to the input of the attention block and {@code MlpAd_i} to the input of the feed-forward
 * block; adapters are per iteration, never shared.
 */
final class BottleneckAdaptation implements LayerAdaptation {
    private final List<BottleneckAdapter> attentionAdapters = new ArrayList<>();
    private final List<BottleneckAdapter> feedForwardAdapters = new ArrayList<>();
    private final int reductionFactor;

    BottleneckAdaptation(List<BottleneckAdapter> attention, List<BottleneckAdapter> feedForward, int reductionFactor) {
        this.attentionAdapters.addAll(attention);
        this.feedForwardAdapters.addAll(feedForward);
        this.reductionFactor = reductionFactor;
    }

    @Override
    public NDArray beforeAttention(int iteration, NDArray x, ForwardContext context) {
        return attentionAdapters.get(iteration).apply(x);
    }

    @Override
    public NDArray beforeFeedForward(int iteration, NDArray y, ForwardContext context) {
        return feedForwardAdapters.get(iteration).apply(y);
    }

    @Override
    public Map<String, Object> checkpointConfig() {
        return Map.of("use_adapter", true, "reduction_factor", reductionFactor);
    }
}
