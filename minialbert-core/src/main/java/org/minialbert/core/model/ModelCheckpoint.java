package org.minialbert.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minialbert.api.nn.WeightGroup;
import java.util.TreeSet;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;

/**
 * A model directory: {@code config.json} (HF style) and {@code model.safetensors} with the
 * reference parameter names, so checkpoints move between this project and the PyTorch reference
 * both ways. Loading matches tensors to weights by name and reports every missing name, unexpected
 * name and shape mismatch at once; unused entries (poolers, {@code position_ids} buffers, tied
 * decoder copies, and head weights when the encoder is loaded without a head) are ignored.
 */
public final class ModelCheckpoint {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCheckpoint() {
    }

    /** Whether {@code dir} looks like a model directory. */
    public static boolean isModelDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    /**
     * Loads the model in {@code dir}.
     *
     * @param head the head to build, or null to take it from config.json's {@code architectures} and
     *     the tensors present
     */
    public static EncoderModel load(Path dir, HeadKind head, ModelFactory factory, NDManager manager) {
        Path configFile = dir.resolve(CONFIG);
        EncoderConfig config = EncoderConfig.read(configFile);
        Map<String, TensorData> tensors = readWeights(dir);
        return fromTensors(config, tensors, head == null ? detectHead(configFile, config, tensors) : head,
                factory, manager, dir.resolve(WEIGHTS).toString());
    }

    /** The tensors of {@code dir/model.safetensors}. */
    static Map<String, TensorData> readWeights(Path dir) {
        Path weightsFile = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new CheckpointException(weightsFile + ": file not found (a model directory needs config.json and "
                    + "model.safetensors)");
        }
        return Safetensors.read(weightsFile);
    }

    /** Builds a model of {@code config} and fills it from {@code tensors} (see {@link #assign}). */
    public static EncoderModel fromTensors(EncoderConfig config, Map<String, TensorData> tensors, HeadKind head,
            ModelFactory factory, NDManager manager, String source) {
        Map<String, TensorData> named = withLayoutPrefix(EncoderLayout.of(config), tensors);
        TensorData classifier = named.get("classifier.weight");
        int labels = classifier != null ? (int) classifier.shape().get(0) : config.labels().size();
        EncoderModel model = factory.create(config, head, labels, manager);
        try {
            assign(model, named, source);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** HF {@code BertModel} files name the encoder without the {@code bert.} prefix; add it. */
    static Map<String, TensorData> withLayoutPrefix(EncoderLayout layout, Map<String, TensorData> tensors) {
        boolean prefixed = tensors.keySet().stream().anyMatch(n -> n.startsWith(layout.encoderScope()));
        if (prefixed || layout != EncoderLayout.BERT) {
            return tensors;
        }
        Map<String, TensorData> renamed = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> renamed.put(
                name.startsWith("cls.") || name.startsWith("classifier.") ? name : layout.encoderScope() + name, tensor));
        return renamed;
    }

    static HeadKind detectHead(Path configFile, EncoderConfig config, Map<String, TensorData> tensors) {
        try {
            for (JsonNode architecture : JSON.readTree(configFile.toFile()).path("architectures")) {
                HeadKind head = HeadKind.fromArchitecture(architecture.asText());
                if (head != null) {
                    return head;
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(configFile + ": cannot read: " + e.getMessage(), e);
        }
        if (tensors.containsKey(EncoderLayout.of(config).mlmBias())) {
            return HeadKind.MASKED_LM;
        }
        return tensors.containsKey("classifier.weight") ? HeadKind.SEQUENCE_CLASSIFICATION : HeadKind.NONE;
    }

    /**
     * Copies {@code tensors} into the model's weights by name. Every problem is collected: weights
     * the file lacks, entries the model does not use (other than the layout's ignorable ones) and
     * shape mismatches, each naming the tensor.
     */
    public static void assign(EncoderModel model, Map<String, TensorData> tensors, String source) {
        assign(model, tensors, source, Set.of());
    }

    /**
     * As {@link #assign(EncoderModel, Map, String)}, but weights of the {@code fresh} groups may be
     * missing (they keep their new initialisation), and when the head is fresh, tensors outside the
     * encoder (another head's) are ignored.
     */
    public static void assign(EncoderModel model, Map<String, TensorData> tensors, String source,
            Set<WeightGroup> fresh) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        NDManager manager = model.weights().manager();
        for (Weight weight : model.weights().all()) {
            TensorData tensor = tensors.get(weight.name());
            if (tensor == null) {
                if (!fresh.contains(weight.group())) {
                    missing.add(weight.name());
                }
            } else if (!tensor.shape().equals(weight.shape())) {
                problems.add("tensor '" + weight.name() + "' has shape " + tensor.shape() + " in the file but the model "
                        + "expects " + weight.shape());
            } else if (!tensor.dataType().isFloating()) {
                problems.add("tensor '" + weight.name() + "' holds " + tensor.dataType() + ", expected real numbers");
            } else {
                weight.assign(tensor.toNDArray(manager).toType(DataType.FLOAT32, false));
            }
        }
        boolean ignoreOtherHeads = model.head() == HeadKind.NONE || fresh.contains(WeightGroup.HEAD);
        Set<String> unexpected = new TreeSet<>();
        for (String name : tensors.keySet()) {
            boolean otherHead = ignoreOtherHeads && !name.startsWith(model.layout().encoderScope());
            if (model.weights().get(name) == null && !model.layout().isIgnored(name) && !otherHead) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " weights missing from the file: " + String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            problems.add(unexpected.size() + " tensors in the file that this model does not use: "
                    + String.join(", ", unexpected));
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(source + " does not fit the model described by its config.json: "
                    + String.join("; ", problems) + ". Check that config.json and the weights belong together "
                    + "(e.g. use_adapter, embedding_size, num_hidden_layers).");
        }
    }

    /** Writes config.json and model.safetensors into {@code dir}, each atomically. */
    public static void save(EncoderModel model, Path dir) {
        ObjectNode config = model.config().toJson(model.adaptationConfig());
        config.putArray("architectures").add(model.head().architecture(model.config().isStudent()));
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Weight weight : model.weights().all()) {
            tensors.put(weight.name(), TensorData.of(weight.value()));
        }
        try {
            Files.createDirectories(dir);
            Safetensors.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
            AtomicFiles.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot write the checkpoint: " + e.getMessage(), e);
        }
    }
}
