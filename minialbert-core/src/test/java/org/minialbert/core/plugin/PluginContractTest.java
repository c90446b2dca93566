package org.minialbert.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
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
import org.minialbert.api.plugin.LayerAdaptationProvider;
import org.minialbert.api.plugin.LayerMappingProvider;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTermProvider;
import org.minialbert.api.plugin.ParameterSharingProvider;
import org.minialbert.core.engine.OfflineEngine;

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

    private static void create(String kind, Plugin plugin, Config settings) {
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            switch (kind) {
                case "sharing" -> ((ParameterSharingProvider) plugin).create(settings, SHAPE.iterations());
                case "adaptation" -> ((LayerAdaptationProvider) plugin).create(settings, SHAPE, weights);
                case "mapping" -> ((LayerMappingProvider) plugin).teacherLayers(settings, 4, 12);
                case "loss" -> ((LossTermProvider) plugin).create(settings, new LossShapes(16, 16, 2, 2), weights);
                default -> ((EmbeddingFactorisationProvider) plugin).create(settings,
                        plugin.name().equals("full-rank") ? new ModelShape(16, 16, 2, 32, 4, 1e-12f) : SHAPE, weights);
            }
        }
    }
}
