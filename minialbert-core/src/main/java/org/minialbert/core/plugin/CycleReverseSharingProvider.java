package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

/**
 * {@code cycle-rev} (Takase and Kiyono 2021, their best): cycle through the M blocks, then apply
 * them in reverse order for the last M iterations:
 * {@code i < N - M ? i mod M : M - 1 - ((i - (N - M)) mod M)}.
 */
public final class CycleReverseSharingProvider implements ParameterSharingProvider {

    @Override
    public String name() {
        return "cycle-rev";
    }

    @Override
    public String description() {
        return "M unique layers cycled, the last M iterations in reverse order (0,1,2,2,1,0)";
    }

    @Override
    public ParameterSharing create(Config settings, int iterations) {
        int unique = UniqueLayers.read(name(), settings, iterations);
        int tail = iterations - unique;
        return new FixedSharing(iterations, i -> i < tail ? i % unique : unique - 1 - ((i - tail) % unique));
    }
}
