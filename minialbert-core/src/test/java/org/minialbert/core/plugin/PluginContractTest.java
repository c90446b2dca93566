package org.minialbert.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.Plugin;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.EmbeddingFactorisationProvider;
import org.minialbert.api.plugin.EmbeddingInitialiserProvider;
import org.minialbert.api.plugin.LayerAdaptationProvider;
import org.minialbert.api.plugin.LayerMappingProvider;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTermProvider;
import org.minialbert.api.plugin.ParameterSharingProvider;
import org.minialbert.api.plugin.TeacherMaps;
import org.minialbert.api.task.SentenceTaskProvider;
import org.minialbert.api.task.TokenTaskProvider;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelFactory;

/**
 * The contract every provider on the classpath keeps: a kebab-case name, a one-line description,
 * documented defaults in reference.conf from which it builds (or, for a setting with no sensible
 * default such as an explicit layer list, a message naming it), and a useful message naming the
 * setting when a numeric setting is out of range.
 */
class PluginContractTest {
    private static final ModelShape SHAPE = new ModelShape(16, 8, 2, 32, 4, 1e-12f);

    static Stream<Arguments> providers() {
        List<Arguments> all = new ArrayList<>();
        for (PluginRegistry<?> registry : PluginCatalog.fromClasspath().all()) {
            for (Plugin plugin : registry.all()) {
                all.add(Arguments.of(registry.kind(), plugin.name(), plugin));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void keepsTheContract(String kind, String name, Plugin plugin) {
        assertThat(name).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        assertThat(plugin.description()).isNotBlank().doesNotContain("\n");
        Config reference = ConfigFactory.defaultReference();
        String path = "minialbert." + kind + "." + name;
        assertThat(reference.hasPath(path)).as("documented defaults at " + path).isTrue();
        Config defaults = reference.getConfig(path);
        try {
            create(kind, plugin, defaults);
        } catch (ConfigurationException e) {
            assertThat(defaults.root().keySet()).as("a plugin that needs a setting names it: " + e.getMessage())
                    .anyMatch(key -> e.getMessage().contains(key));
        }
        for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
            if (entry.getValue().valueType() == ConfigValueType.NUMBER) {
                Config bad = ConfigFactory.empty().withValue(entry.getKey(), ConfigValueFactory.fromAnyRef(-1))
                        .withFallback(defaults);
                assertThatThrownBy(() -> create(kind, plugin, bad)).as(path + "." + entry.getKey() + " = -1")
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining(entry.getKey())
                        .hasMessageContaining("-1");
            }
        }
    }

    /** Initialises a tiny student (factorised for teacher-low-rank, else full-rank) from a tiny teacher. */
    private static void initialise(EmbeddingInitialiserProvider plugin, Config settings, NDManager manager) {
        ModelFactory factory = ModelFactory.fromClasspath();
        Map<String, Object> common = Map.of("vocab_size", 30, "hidden_size", 16, "num_hidden_layers", 2,
                "num_attention_heads", 2, "intermediate_size", 32, "max_position_embeddings", 8);
        Map<String, Object> student = new HashMap<>(common);
        student.put("model_type", "albert");
        student.put("embedding_size", plugin.name().equals("teacher-low-rank") ? 8 : 16);
        Map<String, Object> teacher = new HashMap<>(common);
        teacher.put("model_type", "bert");
        ObjectMapper json = new ObjectMapper();
        try (EncoderModel s = factory.create(EncoderConfig.parse(json.valueToTree(student), "student"), HeadKind.NONE, 0,
                manager);
                EncoderModel t = factory.create(EncoderConfig.parse(json.valueToTree(teacher), "teacher"), HeadKind.NONE,
                        0, manager)) {
            plugin.initialise(settings, s.embeddingTables(), t.embeddingTables());
        }
    }

    private static void create(String kind, Plugin plugin, Config settings) {
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            switch (kind) {
                case "sharing" -> ((ParameterSharingProvider) plugin).create(settings, SHAPE.iterations());
                case "adaptation" -> ((LayerAdaptationProvider) plugin).create(settings, SHAPE, weights);
                case "mapping" -> ((LayerMappingProvider) plugin).teacherLayers(settings, 4, 12);
                case "loss" -> assertThat(((LossTermProvider) plugin).create(settings, new LossShapes(16, 16, 2, 2),
                        weights).teacherMaps()).as(plugin.name() + " declares the teacher maps it reads")
                        .isEqualTo(plugin.name().startsWith("attention-") ? TeacherMaps.MAPPED : TeacherMaps.NONE);
                case "embedding-init" -> initialise((EmbeddingInitialiserProvider) plugin, settings, manager);
                case "task" -> ((SentenceTaskProvider) plugin).create(settings);
                case "token-task" -> ((TokenTaskProvider) plugin).create(settings);
                default -> ((EmbeddingFactorisationProvider) plugin).create(settings,
                        plugin.name().equals("full-rank") ? new ModelShape(16, 16, 2, 32, 4, 1e-12f) : SHAPE, weights);
            }
        }
    }
}
