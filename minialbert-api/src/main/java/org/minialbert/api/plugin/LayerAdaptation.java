package org.minialbert.api.plugin;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.minialbert.api.nn.ForwardContext;

/**
 * Per-iteration modules around the shared transformer blocks (layer-wise adaptation, MiniALBERT
 * section 3.2). The encoder calls each hook at a fixed place of iteration {@code i}; every hook
 * defaults to the identity, so an implementation overrides only the places it uses:
 * <pre>
 *   x = beforeAttention(i, o_i)
 *   q = projection(i, QUERY, x, x Wq + bq)        (likewise KEY, VALUE)
 *   keys and values get keyValuePrefix(i, ...) prepended, if any
 *   a = layerNorm(i, ATTENTION, x + attentionResidual(i, dropout(projection(i, ATTENTION_OUTPUT, ctx, ctx Wo + bo))))
 *   y = beforeFeedForward(i, a)
 *   f = projection(i, FEED_FORWARD_OUTPUT, h, h W2 + b2) with h = act(projection(i, INTERMEDIATE, y, y W1 + b1))
 *   o_{i+1} = layerNorm(i, FEED_FORWARD, y + feedForwardResidual(i, dropout(f)))
 * </pre>
 * The reference bottleneck adapters use the two {@code before*} hooks (adapters applied to the
 * input of their sub-block); Houlsby and Pfeiffer placements use the residual hooks, LoRA the
 * projections, prefix tuning the key/value prefix. Hooks must keep every shared weight in use (a
 * weight without a gradient cannot be trained).
 */
public interface LayerAdaptation {

    /** No adaptation: every hook is the identity. */
    LayerAdaptation NONE = new LayerAdaptation() {
    };

    default NDArray beforeAttention(int iteration, NDArray x, ForwardContext context) {
        return x;
    }

    default NDArray attentionResidual(int iteration, NDArray delta, ForwardContext context) {
        return delta;
    }

    default NDArray beforeFeedForward(int iteration, NDArray y, ForwardContext context) {
        return y;
    }

    default NDArray feedForwardResidual(int iteration, NDArray delta, ForwardContext context) {
        return delta;
    }

    /** The output of one of the layer's linear maps; {@code input} is what it was applied to. */
    default NDArray projection(int iteration, Projection which, NDArray input, NDArray output) {
        return output;
    }

    /** Prefix keys and values for the iteration's attention, or null for none. */
    default KeyValuePrefix keyValuePrefix(int iteration, int batchSize) {
        return null;
    }

    /** The LayerNorm closing a sub-block; {@code shared} applies the layer's own. */
    default NDArray layerNorm(int iteration, Sublayer which, NDArray x, UnaryOperator<NDArray> shared) {
        return shared.apply(x);
    }

    /**
     * Keys this adaptation contributes to a checkpoint's HF-style {@code config.json}, so that the
     * PyTorch reference can rebuild it (the bottleneck adapter writes {@code use_adapter} and
     * {@code reduction_factor}).
     */
    default Map<String, Object> checkpointConfig() {
        return Map.of();
    }
}
