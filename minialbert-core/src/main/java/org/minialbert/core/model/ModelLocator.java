package org.minialbert.core.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.plugin.PluginChoice;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.io.OnnxBertExport;

/**
 * Resolves a model argument: a model directory ({@code config.json} + {@code model.safetensors}),
 * an {@code .onnx} export of an HF BERT (architecture inferred from the graph, or from a
 * {@code config.json} beside it), or the name of an {@linkplain EmbeddedModel embedded model}. The
 * tokenizer is {@code tokenizer.json} in the directory, or beside the ONNX file (also as
 * {@code <name>-tokenizer.json}).
 */
public final class ModelLocator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ModelFactory factory;

    public ModelLocator(ModelFactory factory) {
        this.factory = factory;
    }

    /** A model's configuration, stored tensors and tokenizer, before any model is built. */
    public record ModelSource(String name, EncoderConfig config, Map<String, TensorData> tensors, HeadKind storedHead,
            boolean onnx, Optional<Path> tokenizer) {
    }

    /**
     * @param head the head to build, or null to take it from the checkpoint (ONNX exports have none)
     */
    public LoadedModel load(String model, HeadKind head, NDManager manager) {
        ModelSource source = resolve(model);
        if (source.onnx() && head != null && head != HeadKind.NONE) {
            throw new ConfigurationException(model + ": an ONNX export holds an encoder without a " + head + " head; "
                    + "load it without a head (its MLM head, if any, is not exported)");
        }
        return new LoadedModel(ModelCheckpoint.fromTensors(source.config(), source.tensors(),
                head != null ? head : source.storedHead(), factory, manager, source.name()), model, source.tokenizer());
    }

    /**
     * The model's encoder under a new, randomly initialised head for a task (spec section 7): weights of
     * any other head in the source are dropped. With {@code addAdapters}, a model without layer-wise
     * adaptation gets fresh reference bottleneck adapters (r = 16), as the reference does before
     * adapter tuning.
     *
     * @param labels class names, or empty for a one-output regression head
     */
    public LoadedModel loadForTask(String model, HeadKind head, List<String> labels, boolean addAdapters,
            NDManager manager) {
        ModelSource source = resolve(model);
        EncoderConfig config = source.config().withLabels(labels);
        Set<WeightGroup> fresh = EnumSet.of(WeightGroup.HEAD);
        if (addAdapters && config.adaptations().isEmpty()) {
            config = config.withAdaptations(List.of(new PluginChoice("bottleneck", Map.of("reduction-factor", 16))));
            fresh.add(WeightGroup.ADAPTATION);
        }
        EncoderModel built = factory.create(config, head, Math.max(1, labels.size()), manager);
        try {
            ModelCheckpoint.assign(built, ModelCheckpoint.withLayoutPrefix(EncoderLayout.of(config), source.tensors()),
                    source.name(), fresh);
            return new LoadedModel(built, model, source.tokenizer());
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
    }

    /** Reads what {@code model} names: a model directory, an .onnx file or an embedded model. */
    public ModelSource resolve(String model) {
        Optional<EmbeddedModel> embedded = EmbeddedModel.byName(model);
        if (embedded.isPresent()) {
            return onnx(model, embedded.get().onnxFile(), Optional.of(embedded.get().tokenizerFile()));
        }
        Path path = Path.of(model);
        if (Files.isDirectory(path)) {
            Path configFile = path.resolve(ModelCheckpoint.CONFIG);
            EncoderConfig config = EncoderConfig.read(configFile);
            Map<String, TensorData> tensors = ModelCheckpoint.readWeights(path);
            return new ModelSource(model, config, tensors, ModelCheckpoint.detectHead(configFile, config, tensors), false,
                    existing(path.resolve("tokenizer.json")));
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".onnx")) {
            String stem = path.getFileName().toString().replaceFirst("\\.onnx$", "");
            return onnx(model, path, existing(path.resolveSibling("tokenizer.json"))
                    .or(() -> existing(path.resolveSibling(stem + "-tokenizer.json"))));
        }
        throw new ConfigurationException("model '" + model + "' not found: it is neither a model directory "
                + "(config.json + model.safetensors), an .onnx file, nor an embedded model (" + EmbeddedModel.names() + ")");
    }

    private static ModelSource onnx(String name, Path file, Optional<Path> tokenizer) {
        OnnxBertExport export = OnnxBertExport.read(file);
        ObjectNode config = JSON.valueToTree(export.inferredConfig());
        Path beside = file.resolveSibling("config.json");
        if (Files.isRegularFile(beside)) {
            try {
                JsonNode given = JSON.readTree(beside.toFile());
                given.fields().forEachRemaining(field -> config.set(field.getKey(), field.getValue()));
            } catch (IOException e) {
                throw new CheckpointException(beside + ": not valid JSON: " + e.getMessage(), e);
            }
        } else if (!config.has("num_attention_heads")) {
            throw new ConfigurationException(file + ": the number of attention heads cannot be inferred from the "
                    + "graph; put the model's config.json next to the .onnx file");
        }
        config.put("model_type", EncoderConfig.BERT);
        return new ModelSource(name, EncoderConfig.parse(config, file.toString()), export.weights(), HeadKind.NONE, true,
                tokenizer);
    }

    private static Optional<Path> existing(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
