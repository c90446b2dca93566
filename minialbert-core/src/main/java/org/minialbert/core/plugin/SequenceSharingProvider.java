package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

/** {@code sequence} (Takase and Kiyono 2021): M blocks, each used for N/M consecutive iterations, {@code floor(i M / N)}. */
public final class SequenceSharingProvider implements ParameterSharingProvider {

    @Override
    public String name() {
        return "sequence";
    }

    @Override
    public String description() {
        return "M unique layers, each applied to N/M consecutive iterations (0,0,1,1,2,2)";
    }

    @Override
    public ParameterSharing create(Config settings, int iterations) {
        int unique = UniqueLayers.read(name(), settings, iterations);
        return new FixedSharing(iterations, i -> i * unique / iterations);
    }
}
