package org.example.minialbert;

import com.typesafe.config.Config;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;

/**
 * {@code mirror}: the first half of the iterations each get their own block and the second half
 * reuses them in reverse, like a palindrome (N = 6: blocks 0, 1, 2, 2, 1, 0; M = ceil(N / 2)). With
 * {@code share-middle = true} an odd N shares its middle block with its neighbour.
 */
public final class MirrorSharingProvider implements ParameterSharingProvider {

    @Override
    public String name() {
        return "mirror";
    }

    @Override
    public String description() {
        return "blocks 0..M-1 then the same in reverse, M = ceil(N/2) (example plugin)";
    }

    @Override
    public ParameterSharing create(Config settings, int iterations) {
        if (iterations < 2) {
            throw new ConfigurationException("sharing 'mirror' needs at least 2 iterations, found " + iterations);
        }
        boolean shareMiddle = settings.getBoolean("share-middle");
        int half = shareMiddle ? iterations / 2 : (iterations + 1) / 2;
        return new ParameterSharing() {
            @Override
            public int iterations() {
                return iterations;
            }

            @Override
            public int attentionBlockFor(int iteration) {
                return Math.min(Math.min(iteration, iterations - 1 - iteration), half - 1);
            }
        };
    }
}
