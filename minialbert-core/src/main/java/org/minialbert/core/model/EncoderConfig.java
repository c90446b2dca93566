package org.minialbert.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.HiddenActivation;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.core.plugin.PluginChoice;

/**
 * The architecture read from (and written to) an HF-style {@code config.json}. {@code model_type}
 * "bert" is a teacher (E = H, {@code num_hidden_layers} layers); "albert" is a recursive student
 * with {@code embedding_size} E and {@code num_hidden_layers} iterations. The project's own keys
 * {@code minialbert_sharing} (default {@code all-shared}, the reference) and
 * {@code minialbert_adaptation} (a list of plugin choices) name the plugins; without the latter the
 * reference keys {@code use_adapter} and {@code reduction_factor} mean one {@code bottleneck}
 * adaptation, so the reference's own students load as they are.
 */
public record EncoderConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int embeddingSize,
        int layers,
        int attentionHeads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        float layerNormEps,
        HiddenActivation activation,
        float hiddenDropout,
        float attentionDropout,
        float classifierDropout,
        float initializerRange,
        PluginChoice sharing,
        List<PluginChoice> adaptations,
        List<String> labels) {

    public static final String BERT = "bert";
    public static final String ALBERT = "albert";
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isStudent() {
        return ALBERT.equals(modelType);
    }

    public ModelShape shape() {
        return new ModelShape(hiddenSize, embeddingSize, attentionHeads, intermediateSize, layers, layerNormEps);
    }

    /** Reads {@code dir/config.json}. */
    public static EncoderConfig read(Path file) {
        try {
            return parse(JSON.readTree(Files.readAllBytes(file)), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": file not found (a model directory needs config.json "
                    + "and model.safetensors)");
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses an HF config; every missing or ill-typed required field is reported at once. */
    public static EncoderConfig parse(JsonNode json, String source) {
        Fields f = new Fields(json, source);
        String type = f.string("model_type", BERT);
        if (!type.equals(BERT) && !type.equals(ALBERT)) {
            f.problems.add("model_type '" + type + "' is not supported; allowed: bert (teacher), albert (student)");
        }
        int hidden = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_attention_heads");
        EncoderConfig config = new EncoderConfig(type,
                f.requiredInt("vocab_size"),
                hidden,
                type.equals(ALBERT) ? f.requiredInt("embedding_size") : hidden,
                f.requiredInt("num_hidden_layers"),
                heads,
                f.requiredInt("intermediate_size"),
                f.requiredInt("max_position_embeddings"),
                f.integer("type_vocab_size", 2),
                (float) f.number("layer_norm_eps", 1e-12),
                f.activation(),
                (float) f.number("hidden_dropout_prob", 0.1),
                (float) f.number("attention_probs_dropout_prob", 0.1),
                (float) f.number("classifier_dropout_prob", f.number("classifier_dropout", 0.1)),
                (float) f.number("initializer_range", 0.02),
                f.sharing(type.equals(ALBERT) ? "all-shared" : "none"),
                f.adaptations(),
                f.labels());
        if (hidden > 0 && heads > 0 && hidden % heads != 0) {
            f.problems.add("hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads);
        }
        if (!f.problems.isEmpty()) {
            throw new ConfigurationException(source + ": " + String.join("; ", f.problems));
        }
        return config;
    }

    /** This configuration as an HF-style config.json object (what {@link #parse} reads back). */
    /** The same architecture with other class labels (for a task head). */
    public EncoderConfig withLabels(List<String> newLabels) {
        return new EncoderConfig(modelType, vocabSize, hiddenSize, embeddingSize, layers, attentionHeads,
                intermediateSize, maxPositions, typeVocabSize, layerNormEps, activation, hiddenDropout, attentionDropout,
                classifierDropout, initializerRange, sharing, adaptations, List.copyOf(newLabels));
    }

    /** The same architecture with other layer adaptations. */
    public EncoderConfig withAdaptations(List<PluginChoice> newAdaptations) {
        return new EncoderConfig(modelType, vocabSize, hiddenSize, embeddingSize, layers, attentionHeads,
                intermediateSize, maxPositions, typeVocabSize, layerNormEps, activation, hiddenDropout, attentionDropout,
                classifierDropout, initializerRange, sharing, List.copyOf(newAdaptations), labels);
    }

    /** Whether the model carries the reference bottleneck adapters. */
    public boolean hasReferenceAdapters() {
        return adaptations.stream().anyMatch(a -> a.type().equals("bottleneck"));
    }

    public ObjectNode toJson(Map<String, Object> extra) {
        ObjectNode json = JSON.createObjectNode();
        json.put("model_type", modelType);
        json.put("vocab_size", vocabSize);
        json.put("hidden_size", hiddenSize);
        if (isStudent()) {
            json.put("embedding_size", embeddingSize);
            json.put("num_hidden_groups", 1);
            json.put("inner_group_num", 1);
            json.set("minialbert_sharing", sharing.toJson());
            json.putArray("minialbert_adaptation").addAll(adaptations.stream().map(PluginChoice::toJson).toList());
        }
        json.put("num_hidden_layers", layers);
        json.put("num_attention_heads", attentionHeads);
        json.put("intermediate_size", intermediateSize);
        json.put("max_position_embeddings", maxPositions);
        json.put("type_vocab_size", typeVocabSize);
        json.put("layer_norm_eps", layerNormEps);
        json.put("hidden_act", activation.configName());
        json.put("hidden_dropout_prob", hiddenDropout);
        json.put("attention_probs_dropout_prob", attentionDropout);
        json.put("classifier_dropout_prob", classifierDropout);
        json.put("initializer_range", initializerRange);
        json.put("use_adapter", false);
        extra.forEach((key, value) -> json.set(key, JSON.valueToTree(value)));
        ObjectNode id2label = json.putObject("id2label");
        ObjectNode label2id = json.putObject("label2id");
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(String.valueOf(i), labels.get(i));
            label2id.put(labels.get(i), i);
        }
        return json;
    }

    /** Collects problems while reading fields, so that all of them are reported together. */
    private static final class Fields {
        final JsonNode json;
        final String source;
        final List<String> problems = new ArrayList<>();

        Fields(JsonNode json, String source) {
            this.json = json;
            this.source = source;
        }

        int requiredInt(String key) {
            JsonNode node = json.get(key);
            if (node == null || node.isNull()) {
                problems.add("missing field '" + key + "' (a positive integer)");
                return -1;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
                problems.add("field '" + key + "' must be a positive integer, found " + node);
                return -1;
            }
            return node.asInt();
        }

        int integer(String key, int fallback) {
            return json.has(key) && !json.get(key).isNull() ? requiredInt(key) : fallback;
        }

        double number(String key, double fallback) {
            JsonNode node = json.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isNumber()) {
                problems.add("field '" + key + "' must be a number, found " + node);
                return fallback;
            }
            return node.asDouble();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode node = json.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                problems.add("field '" + key + "' must be true or false, found " + node);
                return fallback;
            }
            return node.asBoolean();
        }

        String string(String key, String fallback) {
            JsonNode node = json.get(key);
            return node == null || node.isNull() ? fallback : node.asText();
        }

        PluginChoice sharing(String fallback) {
            JsonNode node = json.get("minialbert_sharing");
            try {
                return node == null || node.isNull() ? PluginChoice.of(fallback)
                        : PluginChoice.fromJson(node, "minialbert_sharing");
            } catch (ConfigurationException e) {
                problems.add(e.getMessage());
                return PluginChoice.of(fallback);
            }
        }

        List<PluginChoice> adaptations() {
            JsonNode node = json.get("minialbert_adaptation");
            List<PluginChoice> choices = new ArrayList<>();
            if (node == null || node.isNull()) {
                if (bool("use_adapter", false)) {
                    choices.add(new PluginChoice("bottleneck", Map.of("reduction-factor", integer("reduction_factor", 16))));
                }
                return choices;
            }
            for (int i = 0; i < node.size(); i++) {
                try {
                    choices.add(PluginChoice.fromJson(node.get(i), "minialbert_adaptation[" + i + "]"));
                } catch (ConfigurationException e) {
                    problems.add(e.getMessage());
                }
            }
            return choices;
        }

        HiddenActivation activation() {
            try {
                return HiddenActivation.fromConfig(string("hidden_act", "gelu"));
            } catch (ConfigurationException e) {
                problems.add(e.getMessage());
                return HiddenActivation.GELU;
            }
        }

        List<String> labels() {
            JsonNode id2label = json.path("id2label");
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < id2label.size(); i++) {
                labels.add(id2label.path(String.valueOf(i)).asText("LABEL_" + i));
            }
            return labels;
        }
    }
}
