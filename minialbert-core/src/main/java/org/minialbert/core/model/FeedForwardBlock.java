package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.HiddenActivation;
import org.minialbert.api.nn.LayerNormLayer;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.Projection;
import org.minialbert.api.plugin.Sublayer;

/** The position-wise MLP with residual and post-LayerNorm: {@code LN(y + dropout(W2 act(W1 y + b1) + b2))}. */
final class FeedForwardBlock {
    private final LinearLayer intermediate;
    private final LinearLayer output;
    private final LayerNormLayer layerNorm;
    private final HiddenActivation activation;
    private final float hiddenDropout;

    FeedForwardBlock(Weights weights, EncoderLayout layout, int block, EncoderConfig config) {
        int h = config.hiddenSize();
        this.intermediate = weights.linear(layout.intermediate(block), WeightGroup.LAYERS, h, config.intermediateSize());
        this.output = weights.linear(layout.feedForwardOutput(block), WeightGroup.LAYERS, config.intermediateSize(), h);
        this.layerNorm = weights.layerNorm(layout.feedForwardLayerNorm(block), WeightGroup.LAYERS, h,
                config.layerNormEps());
        this.activation = config.activation();
        this.hiddenDropout = config.hiddenDropout();
    }

    NDArray forward(NDArray y, int iteration, LayerAdaptation adaptation, ForwardContext context) {
        NDArray hidden = activation.apply(adaptation.projection(iteration, Projection.INTERMEDIATE, y,
                intermediate.apply(y)));
        NDArray delta = context.dropout(adaptation.projection(iteration, Projection.FEED_FORWARD_OUTPUT, hidden,
                output.apply(hidden)), hiddenDropout);
        return adaptation.layerNorm(iteration, Sublayer.FEED_FORWARD,
                y.add(adaptation.feedForwardResidual(iteration, delta, context)), layerNorm::apply);
    }
}
