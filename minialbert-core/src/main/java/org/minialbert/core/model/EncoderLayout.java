package org.minialbert.core.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where each weight of an encoder lives in a checkpoint: the HF BERT names of a teacher
 * ({@code bert.encoder.layer.3.attention.self.query.weight}) or the reference MiniALBERT names of a
 * student ({@code albert.albert.encoder.albert_layer_groups.0.albert_layers.0.attention.query.weight}).
 * Module paths are given without the {@code .weight}/{@code .bias} suffix.
 */
public enum EncoderLayout {
    /** Hugging Face {@code BertModel}/{@code BertForMaskedLM}. */
    BERT("bert.", "bert.embeddings.", "cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm",
            List.of("(^|\\.)position_ids$", "^bert\\.pooler\\.", "^cls\\.predictions\\.decoder\\.",
                    "^cls\\.seq_relationship\\.")),
    /** The reference {@code MiniAlbertFor*} models (HF ALBERT inside an {@code albert.} wrapper). */
    MINIALBERT("albert.", "albert.albert.embeddings.", "vocab_transform", "vocab_layer_norm",
            List.of("(^|\\.)position_ids$", "^albert\\.albert\\.pooler\\."));

    private final String encoderScope;
    private final String embeddings;
    private final String mlmTransform;
    private final String mlmLayerNorm;
    private final List<Pattern> ignored;

    EncoderLayout(String encoderScope, String embeddings, String mlmTransform, String mlmLayerNorm,
            List<String> ignored) {
        this.encoderScope = encoderScope;
        this.embeddings = embeddings;
        this.mlmTransform = mlmTransform;
        this.mlmLayerNorm = mlmLayerNorm;
        this.ignored = ignored.stream().map(Pattern::compile).toList();
    }

    public static EncoderLayout of(EncoderConfig config) {
        return config.isStudent() ? MINIALBERT : BERT;
    }

    /** Prefix of the components a plugin adds to the encoder (projector, adapters). */
    public String encoderScope() {
        return encoderScope;
    }

    /** Prefix of the embedding tables and their LayerNorm. */
    public String embeddings() {
        return embeddings;
    }

    public String query(int block) {
        return attention(block) + (this == BERT ? "self.query" : "query");
    }

    public String key(int block) {
        return attention(block) + (this == BERT ? "self.key" : "key");
    }

    public String value(int block) {
        return attention(block) + (this == BERT ? "self.value" : "value");
    }

    public String attentionOutput(int block) {
        return attention(block) + (this == BERT ? "output.dense" : "dense");
    }

    public String attentionLayerNorm(int block) {
        return attention(block) + (this == BERT ? "output.LayerNorm" : "LayerNorm");
    }

    public String intermediate(int block) {
        return this == BERT ? bertLayer(block) + "intermediate.dense" : albertLayer(block) + "ffn";
    }

    public String feedForwardOutput(int block) {
        return this == BERT ? bertLayer(block) + "output.dense" : albertLayer(block) + "ffn_output";
    }

    public String feedForwardLayerNorm(int block) {
        return this == BERT ? bertLayer(block) + "output.LayerNorm" : albertLayer(block) + "full_layer_layer_norm";
    }

    public String mlmTransform() {
        return mlmTransform;
    }

    public String mlmLayerNorm() {
        return mlmLayerNorm;
    }

    /** Bias of the MLM decoder (its weight is tied to the word embeddings for BERT). */
    public String mlmBias() {
        return this == BERT ? "cls.predictions.bias" : "vocab_projector.bias";
    }

    /** Untied MLM decoder weight (students only). */
    public String mlmDecoder() {
        return "vocab_projector.weight";
    }

    /** Entries a checkpoint may hold that no model uses (poolers, position-id buffers, tied copies). */
    public boolean isIgnored(String name) {
        return ignored.stream().anyMatch(p -> p.matcher(name).find());
    }

    private String attention(int block) {
        return this == BERT ? bertLayer(block) + "attention." : albertLayer(block) + "attention.";
    }

    private static String bertLayer(int block) {
        return "bert.encoder.layer." + block + ".";
    }

    private static String albertLayer(int block) {
        return "albert.albert.encoder.albert_layer_groups." + block + ".albert_layers.0.";
    }
}
