package org.minialbert.api.plugin;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.minialbert.api.nn.ForwardContext;

/**
 * Per-iteration modules around the shared transformer blocks (layer-wise adaptation, MiniALBERT
 * section 3.2). The encoder calls each hook at a fixed place of iteration {@code i}; every hook
 * defaults to the identity, so an implementation overrides only the places it uses:
 * <pre>
 *   x = beforeAttention(i, o_i)
 *   a = LN(x + attentionResidual(i, dropout(ctx Wo + bo)))        (P_i is the attention map)
 *   y = beforeFeedForward(i, a)
 *   o_{i+1} = LN(y + feedForwardResidual(i, dropout(W2 act(W1 y + b1) + b2)))
 * </pre>
 * The reference bottleneck adapters use the two {@code before*} hooks (adapters applied to the
 * input of their sub-block); Houlsby and Pfeiffer placements use the residual hooks.
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

    /**
     * Keys this adaptation contributes to a checkpoint's HF-style {@code config.json}, so that the
     * PyTorch reference can rebuild it (the bottleneck adapter writes {@code use_adapter} and
     * {@code reduction_factor}).
     */
    default Map<String, Object> checkpointConfig() {
        return Map.of();
    }
}
