package org.minialbert.core.config;

import com.typesafe.config.ConfigOrigin;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minialbert.api.ConfigurationException;

/**
 * Where job values were set (file:line or {@code --set}), kept for the checks that can only run once
 * the models exist (a plugin's range check against the real hidden size, a layer mapping against
 * the teacher), so their errors point at the job line too.
 */
public final class Locations {
    private final Map<String, String> places = new LinkedHashMap<>();

    void record(String path, ConfigOrigin origin) {
        places.put(path, Problems.where(origin) + path + ": ");
    }

    /** Runs {@code check}; a configuration error it throws is re-thrown prefixed with where {@code path} was set. */
    public void at(String path, Runnable check) {
        try {
            check.run();
        } catch (ConfigurationException e) {
            throw new ConfigurationException(places.getOrDefault(path, path + ": ") + e.getMessage(), e);
        }
    }
}
