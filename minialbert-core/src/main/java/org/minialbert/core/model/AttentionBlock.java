package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.LayerNormLayer;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.Scalars;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.KeyValuePrefix;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.Projection;
import org.minialbert.api.plugin.Sublayer;
import org.minialbert.core.engine.FusedAttention;

/**
 * Multi-head self-attention with its output projection, residual and post-LayerNorm (BERT, spec
 * section 1): {@code P = softmax(q kᵀ / sqrt(d) + maskBias)} (q is scaled before the product, the
 * smaller tensor), {@code a = LN(x + dropout(P v Wo + bo))}. When nobody needs P and attention
 * dropout is inactive, {@code P v} is one {@link FusedAttention} operator, which never stores P.
 */
final class AttentionBlock {
    private final LinearLayer query;
    private final LinearLayer key;
    private final LinearLayer value;
    private final LinearLayer output;
    private final LayerNormLayer layerNorm;
    private final int heads;
    private final float hiddenDropout;
    private final float attentionDropout;

    AttentionBlock(Weights weights, EncoderLayout layout, int block, EncoderConfig config) {
        int h = config.hiddenSize();
        this.query = weights.linear(layout.query(block), WeightGroup.LAYERS, h, h);
        this.key = weights.linear(layout.key(block), WeightGroup.LAYERS, h, h);
        this.value = weights.linear(layout.value(block), WeightGroup.LAYERS, h, h);
        this.output = weights.linear(layout.attentionOutput(block), WeightGroup.LAYERS, h, h);
        this.layerNorm = weights.layerNorm(layout.attentionLayerNorm(block), WeightGroup.LAYERS, h,
                config.layerNormEps());
        this.heads = config.attentionHeads();
        this.hiddenDropout = config.hiddenDropout();
        this.attentionDropout = config.attentionDropout();
    }

    /**
     * The block's output and its attention probabilities (B, A, T, T), for {@code maskBias} from
     * {@link EncoderInputs#attentionBias()} (null: no padding); with a key/value prefix from
     * the adaptation, the probabilities over the P prefix keys are left out of the returned map (they
     * have no teacher counterpart). With {@link AttentionMaps#SKIP} they are null.
     */
    Result forward(NDArray x, NDArray maskBias, int iteration, LayerAdaptation adaptation, ForwardContext context,
            AttentionMaps maps) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long length = shape.get(1);
        long headSize = shape.get(2) / heads;
        NDArray q = splitHeads(project(query, Projection.QUERY, x, iteration, adaptation), batch, length, headSize);
        NDArray k = splitHeads(project(key, Projection.KEY, x, iteration, adaptation), batch, length, headSize);
        NDArray v = splitHeads(project(value, Projection.VALUE, x, iteration, adaptation), batch, length, headSize);
        NDArray bias = maskBias;
        KeyValuePrefix prefix = adaptation.keyValuePrefix(iteration, (int) batch);
        if (prefix != null) {
            k = prefix.keys().concat(k, 2);
            v = prefix.values().concat(v, 2);
            if (maskBias != null) {
                bias = maskBias.getManager().zeros(new Shape(batch, 1, 1, prefix.keys().getShape().get(2)))
                        .concat(maskBias, 3);
            }
        }
        NDArray probabilities = null;
        NDArray perHead;
        if (fused(maps, context, attentionDropout)) {
            perHead = FusedAttention.attend(q, k, v, bias);
        } else {
            NDArray scores = Scalars.div(q, (float) Math.sqrt(headSize)).matMul(k.transpose(0, 1, 3, 2));
            if (bias != null) {
                scores = scores.add(bias);
            }
            probabilities = scores.softmax(-1);
            perHead = context.dropout(probabilities, attentionDropout).matMul(v);
        }
        NDArray merged = perHead.transpose(0, 2, 1, 3).reshape(batch, length, shape.get(2));
        NDArray delta = context.dropout(project(output, Projection.ATTENTION_OUTPUT, merged, iteration, adaptation),
                hiddenDropout);
        NDArray out = adaptation.layerNorm(iteration, Sublayer.ATTENTION,
                x.add(adaptation.attentionResidual(iteration, delta, context)), layerNorm::apply);
        if (maps == AttentionMaps.SKIP) {
            return new Result(out, null);
        }
        if (prefix != null) {
            probabilities = probabilities.get(":, :, :, " + prefix.keys().getShape().get(2) + ":");
        }
        return new Result(out, probabilities);
    }

    /**
     * Whether attention runs as the {@link FusedAttention} operator: when nobody needs the maps and
     * attention dropout leaves the probabilities as they are (it cannot be applied inside the operator).
     */
    static boolean fused(AttentionMaps maps, ForwardContext context, float attentionDropout) {
        return maps == AttentionMaps.SKIP && !context.dropsOut(attentionDropout);
    }

    private static NDArray project(LinearLayer layer, Projection which, NDArray x, int iteration,
            LayerAdaptation adaptation) {
        return adaptation.projection(iteration, which, x, layer.apply(x));
    }

    private NDArray splitHeads(NDArray projected, long batch, long length, long headSize) {
        return projected.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
    }

    record Result(NDArray output, NDArray probabilities) {
    }
}
