package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.minialbert.api.nn.HiddenActivation;
import org.minialbert.api.nn.LayerNormLayer;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;

/**
 * The masked-LM head {@code logits = LN(act(h Wt + bt)) Wdecᵀ + bias}. BERT ties the decoder to the
 * word embeddings ({@code cls.predictions}); the reference student has its own untied
 * {@code vocab_projector}.
 */
final class MaskedLmHead {
    private final LinearLayer transform;
    private final LayerNormLayer layerNorm;
    private final LinearLayer decoder;
    private final HiddenActivation activation;

    MaskedLmHead(Weights weights, EncoderLayout layout, EncoderConfig config, Weight wordEmbeddings) {
        int h = config.hiddenSize();
        this.transform = weights.linear(layout.mlmTransform(), WeightGroup.HEAD, h, h);
        this.layerNorm = weights.layerNorm(layout.mlmLayerNorm(), WeightGroup.HEAD, h, config.layerNormEps());
        Weight decoderWeight = layout == EncoderLayout.BERT ? wordEmbeddings
                : weights.normal(layout.mlmDecoder(), WeightGroup.HEAD, new Shape(config.vocabSize(), h));
        this.decoder = new LinearLayer(decoderWeight,
                weights.zeros(layout.mlmBias(), WeightGroup.HEAD, new Shape(config.vocabSize())));
        this.activation = config.activation();
    }

    /** Vocabulary logits for every row of {@code hidden} (any leading shape, last axis H). */
    NDArray logits(NDArray hidden) {
        NDArray transformed = layerNorm.apply(activation.apply(transform.apply(hidden)));
        return decoder.apply(transformed);
    }
}
