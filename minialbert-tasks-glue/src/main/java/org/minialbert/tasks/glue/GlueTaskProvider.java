package org.minialbert.tasks.glue;

import com.typesafe.config.Config;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.api.task.SentenceTaskProvider;

/** Common body of the nine GLUE providers: each only names its {@link GlueTaskSpec}. */
abstract class GlueTaskProvider implements SentenceTaskProvider {
    private final GlueTaskSpec spec;

    GlueTaskProvider(GlueTaskSpec spec) {
        this.spec = spec;
    }

    @Override
    public final String name() {
        return spec.name();
    }

    @Override
    public final String description() {
        return spec.description();
    }

    /** GLUE tasks take no settings; {@code settings} is ignored. */
    @Override
    public final SentenceTask create(Config settings) {
        return new GlueTask(spec);
    }
}
