package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

/** ALBERT / MiniALBERT sharing: one transformer block serves every iteration (M = 1). */
public final class AllSharedProvider implements ParameterSharingProvider {

    @Override
    public String name() {
        return "all-shared";
    }

    @Override
    public String description() {
        return "one transformer layer applied at every iteration (ALBERT, MiniALBERT reference)";
    }

    @Override
    public ParameterSharing create(Config settings, int iterations) {
        return new FixedSharing(iterations, i -> 0);
    }
}
