package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import java.util.List;
import java.util.stream.IntStream;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.LayerMappingProvider;

/** {@code every-k}: {@code g(i) = k (i + 1) - 1}; k = 2 is the reference {@code 2i + 1}. */
public final class EveryKMappingProvider implements LayerMappingProvider {

    @Override
    public String name() {
        return "every-k";
    }

    @Override
    public String description() {
        return "every k-th teacher layer, g(i) = k(i+1) - 1 (k = 2: the reference 2i+1)";
    }

    @Override
    public List<Integer> teacherLayers(Config settings, int iterations, int teacherLayers) {
        int k = settings.getInt("k");
        if (k < 1) {
            throw new ConfigurationException("mapping every-k: k must be at least 1, found " + k);
        }
        return IntStream.range(0, iterations).map(i -> k * (i + 1) - 1).boxed().toList();
    }
}
