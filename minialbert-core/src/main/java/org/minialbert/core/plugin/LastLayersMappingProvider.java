package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import java.util.List;
import java.util.stream.IntStream;
import org.minialbert.api.plugin.LayerMappingProvider;

/** {@code last}: the teacher's last N layers, {@code g(i) = L - N + i}. */
public final class LastLayersMappingProvider implements LayerMappingProvider {

    @Override
    public String name() {
        return "last";
    }

    @Override
    public String description() {
        return "the teacher's last N layers, g(i) = L - N + i";
    }

    @Override
    public List<Integer> teacherLayers(Config settings, int iterations, int teacherLayers) {
        return IntStream.range(0, iterations).map(i -> teacherLayers - iterations + i).boxed().toList();
    }
}
