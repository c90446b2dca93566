package org.minialbert.core.plugin;

import java.util.List;
import org.minialbert.api.plugin.EmbeddingFactorisationProvider;
import org.minialbert.api.plugin.EmbeddingInitialiserProvider;
import org.minialbert.api.plugin.LayerAdaptationProvider;
import org.minialbert.api.plugin.LayerMappingProvider;
import org.minialbert.api.plugin.LossTermProvider;
import org.minialbert.api.plugin.ParameterSharingProvider;
import org.minialbert.api.task.SentenceTaskProvider;
import org.minialbert.api.task.TokenTaskProvider;

/** Every plugin registry, loaded once from the classpath. */
public record PluginCatalog(PluginRegistry<ParameterSharingProvider> sharing,
        PluginRegistry<LayerAdaptationProvider> adaptation, PluginRegistry<EmbeddingFactorisationProvider> embedding,
        PluginRegistry<LayerMappingProvider> mapping, PluginRegistry<LossTermProvider> loss,
        PluginRegistry<EmbeddingInitialiserProvider> initialiser, PluginRegistry<SentenceTaskProvider> tasks,
        PluginRegistry<TokenTaskProvider> tokenTasks) {

    public static PluginCatalog fromClasspath() {
        return new PluginCatalog(PluginRegistry.load(ParameterSharingProvider.class, "sharing"),
                PluginRegistry.load(LayerAdaptationProvider.class, "adaptation"),
                PluginRegistry.load(EmbeddingFactorisationProvider.class, "embedding"),
                PluginRegistry.load(LayerMappingProvider.class, "mapping"),
                PluginRegistry.load(LossTermProvider.class, "loss"),
                PluginRegistry.load(EmbeddingInitialiserProvider.class, "embedding-init"),
                PluginRegistry.load(SentenceTaskProvider.class, "task"),
                PluginRegistry.load(TokenTaskProvider.class, "token-task"));
    }

    /** Every registry, in the order {@code minialbert plugins} lists them. */
    public List<PluginRegistry<?>> all() {
        return List.of(sharing, adaptation, embedding, initialiser, mapping, loss, tasks, tokenTasks);
    }
}
