package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.ConfigurationException;

/** Reads the {@code unique-layers} setting M of a sharing scheme and checks {@code 1 <= M <= N}. */
final class UniqueLayers {
    private UniqueLayers() {
    }

    static int read(String scheme, Config settings, int iterations) {
        int unique = settings.getInt("unique-layers");
        if (unique < 1 || unique > iterations) {
            throw new ConfigurationException("sharing '" + scheme + "': unique-layers must be between 1 and the number "
                    + "of iterations " + iterations + ", found " + unique);
        }
        return unique;
    }
}
