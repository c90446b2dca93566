package org.minialbert.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.distil.DistillationJob;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.distil.DistillationSettings;
import org.minialbert.core.model.EmbeddedModel;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;

/**
 * A benchmark preset of {@code minialbert.bench.presets}: the distillation job it measures, as
 * overrides of the job's keys, and optionally a randomly initialised teacher of a given BERT shape
 * (masking then uses the embedded bge-small-en-v1.5 tokenizer, whose vocabulary is BERT-base's).
 *
 * @param randomTeacher the teacher's HF configuration when the job's teacher is replaced by random weights
 */
public record BenchPreset(String name, List<String> jobOverrides, Optional<EncoderConfig> randomTeacher) {
    private static final String ROOT = "minialbert.bench.presets";

    /** The preset called {@code name} (reference.conf, or an application.conf on the classpath). */
    public static BenchPreset named(String name) {
        Config presets = ConfigFactory.load(BenchPreset.class.getClassLoader()).getConfig(ROOT);
        if (!presets.hasPath(quoted(name))) {
            throw new ConfigurationException("unknown bench preset '" + name + "'; available: "
                    + String.join(", ", names(presets)));
        }
        Config preset = presets.getConfig(quoted(name));
        try {
            Optional<EncoderConfig> teacher = preset.getIsNull("random-teacher") ? Optional.empty()
                    : Optional.of(bertConfig(preset.getConfig("random-teacher"), name));
            return new BenchPreset(name, preset.getStringList("job"), teacher);
        } catch (ConfigException e) {
            throw new ConfigurationException("bench preset '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * The preset's distillation run: its job (read from {@code jobFile} when given, else the
     * defaults) with the preset's overrides and then {@code overrides}, and its teacher.
     */
    public DistillationRun prepare(Path jobFile, List<String> overrides, ModelLocator locator, ModelFactory factory,
            NDManager manager) {
        List<String> all = new ArrayList<>(jobOverrides);
        all.addAll(overrides);
        DistillationSettings settings = DistillationJob.load(jobFile, all, factory).settings();
        if (randomTeacher.isEmpty()) {
            return DistillationRun.prepare(settings, locator, factory, manager);
        }
        EncoderModel teacher = factory.create(randomTeacher.get(), HeadKind.MASKED_LM, 0, manager);
        return DistillationRun.prepare(settings, new LoadedModel(teacher, "random teacher of preset " + name,
                Optional.of(EmbeddedModel.DEFAULT.tokenizerFile())), factory, manager);
    }

    /** Every preset's name, sorted. */
    public static List<String> names() {
        return names(ConfigFactory.load(BenchPreset.class.getClassLoader()).getConfig(ROOT));
    }

    private static List<String> names(Config presets) {
        return List.copyOf(new TreeSet<>(presets.root().keySet()));
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "") + "\"";
    }

    /** An HF BERT configuration with a masked-LM head, of the given shape. */
    private static EncoderConfig bertConfig(Config shape, String preset) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("model_type", EncoderConfig.BERT);
        json.putArray("architectures").add("BertForMaskedLM");
        json.put("vocab_size", shape.getInt("vocab-size"));
        json.put("hidden_size", shape.getInt("hidden-size"));
        json.put("num_hidden_layers", shape.getInt("layers"));
        json.put("num_attention_heads", shape.getInt("attention-heads"));
        json.put("intermediate_size", shape.getInt("intermediate-size"));
        json.put("max_position_embeddings", 512);
        return EncoderConfig.parse(json, "bench preset '" + preset + "' random-teacher");
    }
}
