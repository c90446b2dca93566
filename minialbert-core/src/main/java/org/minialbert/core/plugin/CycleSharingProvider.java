package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

/** {@code cycle} (Takase and Kiyono 2021): M blocks applied in turn, {@code i mod M}. */
public final class CycleSharingProvider implements ParameterSharingProvider {

    @Override
    public String name() {
        return "cycle";
    }

    @Override
    public String description() {
        return "M unique layers applied in turn (0,1,2,0,1,2)";
    }

    @Override
    public ParameterSharing create(Config settings, int iterations) {
        int unique = UniqueLayers.read(name(), settings, iterations);
        return new FixedSharing(iterations, i -> i % unique);
    }
}
