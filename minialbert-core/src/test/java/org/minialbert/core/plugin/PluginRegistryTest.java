package org.minialbert.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.minialbert.api.Plugin;
import org.minialbert.api.UnknownPluginException;
import org.minialbert.api.plugin.EmbeddingFactorisationProvider;
import org.minialbert.api.plugin.LayerAdaptationProvider;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

class PluginRegistryTest {

    @Test
    void coreProvidesExactlyItsReferenceSharingAndEmbeddingPlugins() {
        assertThat(PluginRegistry.load(ParameterSharingProvider.class, "sharing").all())
                .extracting(Plugin::name).containsExactly("all-shared", "cycle", "cycle-rev", "none", "partial", "sequence");
        assertThat(PluginRegistry.load(EmbeddingFactorisationProvider.class, "embedding").all())
                .extracting(Plugin::name).containsExactly("factorised", "full-rank");
    }

    @Test
    void coreProvidesExactlyItsMappingsLossTermsAndInitialisers() {
        PluginCatalog catalog = PluginCatalog.fromClasspath();
        assertThat(catalog.mapping().all()).extracting(Plugin::name)
                .containsExactly("every-k", "explicit", "last", "uniform");
        assertThat(catalog.loss().all()).extracting(Plugin::name).containsExactly("attention-kl", "attention-mse",
                "embedding-cosine", "hidden-cosine", "hidden-mse", "mlm", "output-kl");
        assertThat(catalog.initialiser().all()).extracting(Plugin::name)
                .containsExactly("from-checkpoint", "from-teacher", "random", "teacher-low-rank");
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        PluginRegistry<ParameterSharingProvider> sharing = PluginRegistry.load(ParameterSharingProvider.class, "sharing");
        assertThatThrownBy(() -> sharing.get("all-shard")).isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("unknown sharing 'all-shard'").hasMessageContaining("all-shared, cycle, cycle-rev");
    }

    @Test
    void sharingSchemesAssignBlocks() {
        PluginRegistry<ParameterSharingProvider> sharing = PluginRegistry.load(ParameterSharingProvider.class, "sharing");
        ParameterSharing shared = sharing.get("all-shared").create(ConfigFactory.empty(), 6);
        ParameterSharing none = sharing.get("none").create(ConfigFactory.empty(), 6);
        assertThat(shared.attentionBlocks()).isEqualTo(1);
        assertThat(shared.feedForwardBlockFor(5)).isZero();
        assertThat(none.attentionBlocks()).isEqualTo(6);
        assertThat(none.feedForwardBlockFor(4)).isEqualTo(4);
    }

    @Test
    void pluginDefaultsComeFromReferenceConf() {
        PluginRegistry<LayerAdaptationProvider> adaptation = PluginRegistry.load(LayerAdaptationProvider.class, "adaptation");
        assertThat(adaptation.settings("bottleneck", ConfigFactory.empty()).getInt("reduction-factor")).isEqualTo(16);
        assertThat(adaptation.settings("bottleneck", ConfigFactory.parseString("reduction-factor = 4"))
                .getInt("reduction-factor")).isEqualTo(4);
    }
}
