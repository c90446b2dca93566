package org.minialbert.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.LayerMappingProvider;

class LayerMappingProvidersTest {
    private final PluginRegistry<LayerMappingProvider> registry =
            PluginRegistry.load(LayerMappingProvider.class, "mapping");

    private List<Integer> map(String type, String settings, int iterations, int layers) {
        return registry.get(type).teacherLayers(registry.settings(type, ConfigFactory.parseString(settings)),
                iterations, layers);
    }

    @Test
    void mappings() {
        assertThat(map("every-k", "", 6, 12)).as("reference 2i+1").containsExactly(1, 3, 5, 7, 9, 11);
        assertThat(map("every-k", "k = 3", 4, 12)).containsExactly(2, 5, 8, 11);
        assertThat(map("uniform", "", 6, 12)).containsExactly(1, 3, 5, 7, 9, 11);
        assertThat(map("uniform", "", 4, 6)).containsExactly(1, 2, 4, 5);
        assertThat(map("last", "", 3, 12)).containsExactly(9, 10, 11);
        assertThat(map("explicit", "layers = [0, 5]", 2, 12)).containsExactly(0, 5);
    }

    @Test
    void badSettings() {
        assertThatThrownBy(() -> map("explicit", "", 2, 12)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("layers is empty");
        assertThatThrownBy(() -> map("every-k", "k = 0", 2, 12)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("k must be at least 1");
    }
}
