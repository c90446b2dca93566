package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import java.util.List;
import java.util.stream.IntStream;
import org.minialbert.api.plugin.LayerMappingProvider;

/** {@code uniform}: spread over the teacher, {@code g(i) = round((i + 1) L / N) - 1}, ending at its last layer. */
public final class UniformMappingProvider implements LayerMappingProvider {

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String description() {
        return "iterations spread evenly over the teacher, ending at its last layer";
    }

    @Override
    public List<Integer> teacherLayers(Config settings, int iterations, int teacherLayers) {
        return IntStream.range(0, iterations)
                .map(i -> (int) Math.round((i + 1) * (double) teacherLayers / iterations) - 1).boxed().toList();
    }
}
