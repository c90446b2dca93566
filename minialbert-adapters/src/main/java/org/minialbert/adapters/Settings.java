package org.minialbert.adapters;

import com.typesafe.config.Config;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.ModelShape;

/** Checks of the settings the adaptation plugins share, with messages naming the plugin and key. */
final class Settings {
    private Settings() {
    }

    /** {@code reduction-factor} r in [1, H]; the bottleneck is H / r wide. */
    static int reductionFactor(String plugin, Config settings, ModelShape shape) {
        return positive(plugin, settings, "reduction-factor", shape.hiddenSize(), "the hidden size");
    }

    /** An integer setting in [1, max]. */
    static int positive(String plugin, Config settings, String key, int max, String maxName) {
        int value = settings.getInt(key);
        if (value < 1 || value > max) {
            throw new ConfigurationException(plugin + "." + key + " must be between 1 and " + maxName + " " + max
                    + ", found " + value);
        }
        return value;
    }
}
