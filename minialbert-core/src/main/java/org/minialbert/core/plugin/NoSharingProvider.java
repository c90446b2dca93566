package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

/** No sharing: iteration i has its own block (a fully parameterised BERT, M = N). */
public final class NoSharingProvider implements ParameterSharingProvider {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String description() {
        return "every iteration has its own transformer layer (fully parameterised, like BERT)";
    }

    @Override
    public ParameterSharing create(Config settings, int iterations) {
        return new FixedSharing(iterations, i -> i);
    }
}
