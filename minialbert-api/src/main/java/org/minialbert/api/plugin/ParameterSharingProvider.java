package org.minialbert.api.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.Plugin;

/** Creates a {@link ParameterSharing} scheme for N iterations, e.g. {@code all-shared} (ALBERT). */
public interface ParameterSharingProvider extends Plugin {

    /**
     * @param settings the scheme's settings, defaults included
     * @param iterations N, at least 1
     * @throws org.minialbert.api.ConfigurationException when the settings do not fit N
     */
    ParameterSharing create(Config settings, int iterations);
}
