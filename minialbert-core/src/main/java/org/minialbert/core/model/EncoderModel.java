package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.function.IntPredicate;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.EmbeddingTables;

/**
 * A loaded or freshly built model: configuration, weights by checkpoint name, the encoder and an
 * optional head. Its weights live in the model's own {@link NDManager}; closing the model frees them.
 */
public final class EncoderModel implements AutoCloseable {
    private final EncoderConfig config;
    private final HeadKind head;
    private final Weights weights;
    private final TransformerEncoder encoder;
    private final MaskedLmHead maskedLm;
    private final ClassificationHead classifier;
    private final Map<String, Object> adaptationConfig;

    EncoderModel(EncoderConfig config, HeadKind head, Weights weights, TransformerEncoder encoder,
            MaskedLmHead maskedLm, ClassificationHead classifier, Map<String, Object> adaptationConfig) {
        this.config = config;
        this.head = head;
        this.weights = weights;
        this.encoder = encoder;
        this.maskedLm = maskedLm;
        this.classifier = classifier;
        this.adaptationConfig = adaptationConfig;
    }

    public EncoderConfig config() {
        return config;
    }

    public HeadKind head() {
        return head;
    }

    public Weights weights() {
        return weights;
    }

    public EncoderLayout layout() {
        return EncoderLayout.of(config);
    }

    /** The embedding weights (the projection is null for a full-rank embedding). */
    public EmbeddingTables embeddingTables() {
        String tables = layout().embeddings();
        String scope = layout().encoderScope();
        return new EmbeddingTables(weights.get(tables + "word_embeddings.weight"),
                weights.get(tables + "position_embeddings.weight"), weights.get(tables + "token_type_embeddings.weight"),
                weights.get(tables + "LayerNorm.weight"), weights.get(tables + "LayerNorm.bias"),
                weights.get(scope + "projector.weight"), weights.get(scope + "projector.bias"));
    }

    /** Keys the model's adaptation adds to config.json (e.g. {@code use_adapter}). */
    Map<String, Object> adaptationConfig() {
        return adaptationConfig;
    }

    /** Runs the encoder and the head (if any) on a batch, keeping every attention map. */
    public ModelOutputs forward(EncoderInputs inputs, ForwardContext context) {
        return forward(inputs, context, AttentionMaps.KEEP);
    }

    /**
     * Runs the encoder and the head (if any) on a batch; {@link AttentionMaps#SKIP} when only the
     * logits or hidden states are needed (faster, less memory).
     */
    public ModelOutputs forward(EncoderInputs inputs, ForwardContext context, AttentionMaps maps) {
        EncoderOutputs outputs = encoder.forward(inputs, context, maps);
        NDArray logits = null;
        if (maskedLm != null) {
            logits = maskedLm.logits(outputs.lastHiddenState());
        } else if (classifier != null) {
            logits = classifier.logits(outputs.lastHiddenState(), context);
        }
        return new ModelOutputs(outputs, logits);
    }

    /**
     * The head's logits for a batch (null without a head), from a pass that keeps no attention maps,
     * so that attention runs fused where dropout allows: what fine-tuning and prediction need.
     */
    public NDArray logits(EncoderInputs inputs, ForwardContext context) {
        return forward(inputs, context, AttentionMaps.SKIP).logits();
    }

    /**
     * Masked-LM logits for chosen rows of the last hidden state (any leading shape, last axis H), so
     * that the vocabulary projection runs only where it is needed (e.g. the labelled positions of a
     * distillation batch).
     *
     * @throws IllegalStateException if the model has no masked-LM head
     */
    public NDArray maskedLmLogits(NDArray hiddenRows) {
        if (maskedLm == null) {
            throw new IllegalStateException("the model has no masked-LM head (head " + head + ")");
        }
        return maskedLm.logits(hiddenRows);
    }

    /** Runs the encoder only, keeping every attention map. */
    public EncoderOutputs encode(EncoderInputs inputs, ForwardContext context) {
        return encode(inputs, context, AttentionMaps.KEEP);
    }

    /** Runs the encoder only; {@link AttentionMaps#SKIP} when the maps are not needed (faster, less memory). */
    public EncoderOutputs encode(EncoderInputs inputs, ForwardContext context, AttentionMaps maps) {
        return encoder.forward(inputs, context, maps);
    }

    /**
     * Runs the encoder only, keeping the attention maps of the layers (0-based) that {@code keepsMap}
     * accepts; {@link EncoderOutputs#attentions()} has an entry per layer, null for the others, whose
     * attention runs as one fused operator where dropout allows it. A distillation teacher needs only
     * the maps its loss terms read.
     */
    public EncoderOutputs encode(EncoderInputs inputs, ForwardContext context, IntPredicate keepsMap) {
        return encoder.forward(inputs, context, keepsMap);
    }

    @Override
    public void close() {
        weights.manager().close();
    }
}
