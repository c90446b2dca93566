package org.minialbert.core.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;

/** Binds the model factory over the classpath's plugins and the model locator. */
public final class CoreModule extends AbstractModule {

    @Provides
    @Singleton
    ModelFactory modelFactory() {
        return ModelFactory.fromClasspath();
    }

    @Provides
    @Singleton
    ModelLocator modelLocator(ModelFactory factory) {
        return new ModelLocator(factory);
    }
}
