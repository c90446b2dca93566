package org.minialbert.core.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.plugin.PluginCatalog;

/** Binds the plugin catalogue (loaded once from the classpath), the model factory over it and the model locator. */
public final class CoreModule extends AbstractModule {

    @Provides
    @Singleton
    PluginCatalog pluginCatalog() {
        return PluginCatalog.fromClasspath();
    }

    @Provides
    @Singleton
    ModelFactory modelFactory(PluginCatalog catalog) {
        return new ModelFactory(catalog);
    }

    @Provides
    @Singleton
    ModelLocator modelLocator(ModelFactory factory) {
        return new ModelLocator(factory);
    }
}
