package org.minialbert.core.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    /**
     * @param head the head to build, or null to take it from the checkpoint (ONNX exports have none)
     */
    public LoadedModel load(String model, HeadKind head, NDManager manager) {
        Optional<EmbeddedModel> embedded = EmbeddedModel.byName(model);
        if (embedded.isPresent()) {
            Path onnx = embedded.get().onnxFile();
            return new LoadedModel(loadOnnx(onnx, head, manager), model, Optional.of(embedded.get().tokenizerFile()));
        }
        Path path = Path.of(model);
        if (Files.isDirectory(path)) {
            return new LoadedModel(ModelCheckpoint.load(path, head, factory, manager), model,
                    existing(path.resolve("tokenizer.json")));
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".onnx")) {
            String stem = path.getFileName().toString().replaceFirst("\\.onnx$", "");
            Optional<Path> tokenizer = existing(path.resolveSibling("tokenizer.json"))
                    .or(() -> existing(path.resolveSibling(stem + "-tokenizer.json")));
            return new LoadedModel(loadOnnx(path, head, manager), model, tokenizer);
        }
        throw new ConfigurationException("model '" + model + "' not found: it is neither a model directory "
                + "(config.json + model.safetensors), an .onnx file, nor an embedded model (" + EmbeddedModel.names() + ")");
    }

    private EncoderModel loadOnnx(Path file, HeadKind head, NDManager manager) {
        if (head != null && head != HeadKind.NONE) {
            throw new ConfigurationException(file + ": an ONNX export holds an encoder without a " + head + " head; "
                    + "load it without a head (its MLM head, if any, is not exported)");
        }
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
        return ModelCheckpoint.fromTensors(EncoderConfig.parse(config, file.toString()), export.weights(),
                HeadKind.NONE, factory, manager, file.toString());
    }

    private static Optional<Path> existing(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
