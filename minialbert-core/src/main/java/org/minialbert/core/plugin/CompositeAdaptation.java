package org.minialbert.core.plugin;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.plugin.KeyValuePrefix;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.Projection;
import org.minialbert.api.plugin.Sublayer;

/**
 * Several adaptations combined: every hook applies them in list order, each to the previous one's
 * result. Prefixes from several adaptations are concatenated; LayerNorm hooks nest, the first
 * adaptation's hook outermost around the shared LayerNorm.
 */
public final class CompositeAdaptation implements LayerAdaptation {
    private final List<LayerAdaptation> parts;

    private CompositeAdaptation(List<LayerAdaptation> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The combination of {@code parts}: NONE for none, the part itself for one. */
    public static LayerAdaptation of(List<LayerAdaptation> parts) {
        if (parts.isEmpty()) {
            return LayerAdaptation.NONE;
        }
        return parts.size() == 1 ? parts.get(0) : new CompositeAdaptation(parts);
    }

    @Override
    public NDArray beforeAttention(int iteration, NDArray x, ForwardContext context) {
        for (LayerAdaptation part : parts) {
            x = part.beforeAttention(iteration, x, context);
        }
        return x;
    }

    @Override
    public NDArray attentionResidual(int iteration, NDArray delta, ForwardContext context) {
        for (LayerAdaptation part : parts) {
            delta = part.attentionResidual(iteration, delta, context);
        }
        return delta;
    }

    @Override
    public NDArray beforeFeedForward(int iteration, NDArray y, ForwardContext context) {
        for (LayerAdaptation part : parts) {
            y = part.beforeFeedForward(iteration, y, context);
        }
        return y;
    }

    @Override
    public NDArray feedForwardResidual(int iteration, NDArray delta, ForwardContext context) {
        for (LayerAdaptation part : parts) {
            delta = part.feedForwardResidual(iteration, delta, context);
        }
        return delta;
    }

    @Override
    public NDArray projection(int iteration, Projection which, NDArray input, NDArray output) {
        for (LayerAdaptation part : parts) {
            output = part.projection(iteration, which, input, output);
        }
        return output;
    }

    @Override
    public KeyValuePrefix keyValuePrefix(int iteration, int batchSize) {
        KeyValuePrefix combined = null;
        for (LayerAdaptation part : parts) {
            KeyValuePrefix prefix = part.keyValuePrefix(iteration, batchSize);
            if (prefix != null) {
                combined = combined == null ? prefix : new KeyValuePrefix(combined.keys().concat(prefix.keys(), 2),
                        combined.values().concat(prefix.values(), 2));
            }
        }
        return combined;
    }

    @Override
    public NDArray layerNorm(int iteration, Sublayer which, NDArray x, UnaryOperator<NDArray> shared) {
        UnaryOperator<NDArray> normalise = shared;
        for (int i = parts.size() - 1; i >= 0; i--) {
            LayerAdaptation part = parts.get(i);
            UnaryOperator<NDArray> inner = normalise;
            normalise = y -> part.layerNorm(iteration, which, y, inner);
        }
        return normalise.apply(x);
    }

    @Override
    public Map<String, Object> checkpointConfig() {
        Map<String, Object> merged = new LinkedHashMap<>();
        parts.forEach(part -> merged.putAll(part.checkpointConfig()));
        return merged;
    }
}
