package org.minialbert.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.minialbert.api.Plugin;
import org.minialbert.api.plugin.LayerAdaptationProvider;

/** ServiceLoader finds exactly the adaptation plugins this module promises. */
class AdapterServicesTest {

    @Test
    void providesTheCatalogue() {
        assertThat(ServiceLoader.load(LayerAdaptationProvider.class).stream().map(ServiceLoader.Provider::get))
                .extracting(Plugin::name).containsExactlyInAnyOrder("bottleneck", "houlsby", "pfeiffer", "lora",
                        "layer-norm", "bias", "prefix", "none");
    }
}
