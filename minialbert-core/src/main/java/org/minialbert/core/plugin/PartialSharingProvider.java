package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

/**
 * {@code partial}: one sub-block shared by every iteration, the other one per iteration
 * ({@code shared = attention}: one attention block, N feed-forward blocks; or the reverse).
 */
public final class PartialSharingProvider implements ParameterSharingProvider {

    @Override
    public String name() {
        return "partial";
    }

    @Override
    public String description() {
        return "attention shared and feed-forward per iteration, or the reverse (shared = attention | feed-forward)";
    }

    @Override
    public ParameterSharing create(Config settings, int iterations) {
        String shared = settings.getString("shared");
        if (!shared.equals("attention") && !shared.equals("feed-forward")) {
            throw new ConfigurationException("sharing 'partial': shared must be attention or feed-forward, found '"
                    + shared + "'");
        }
        boolean attentionShared = shared.equals("attention");
        return new ParameterSharing() {
            @Override
            public int iterations() {
                return iterations;
            }

            @Override
            public int attentionBlockFor(int iteration) {
                return attentionShared ? 0 : iteration;
            }

            @Override
            public int feedForwardBlockFor(int iteration) {
                return attentionShared ? iteration : 0;
            }
        };
    }
}
