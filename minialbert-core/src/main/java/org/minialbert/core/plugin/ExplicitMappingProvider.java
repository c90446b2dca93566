package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.LayerMappingProvider;

/** {@code explicit}: the teacher layer (0-based) of each iteration, listed in {@code layers}. */
public final class ExplicitMappingProvider implements LayerMappingProvider {

    @Override
    public String name() {
        return "explicit";
    }

    @Override
    public String description() {
        return "a listed teacher layer (0-based) for each iteration";
    }

    @Override
    public List<Integer> teacherLayers(Config settings, int iterations, int teacherLayers) {
        List<Integer> layers = settings.getIntList("layers");
        if (layers.isEmpty()) {
            throw new ConfigurationException("mapping explicit: layers is empty; list one teacher layer per iteration, "
                    + "e.g. layers = [1, 3, 5, 7, 9, 11]");
        }
        return layers;
    }
}
