package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Scalars;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;
import org.minialbert.api.plugin.Projection;

/**
 * {@code lora} (Hu et al. 2022; EdgeFormer's layer adaptation): per iteration, a rank-r update
 * {@code (alpha / r) B A x} added to chosen projections of the shared layer, A (r × in) normal and
 * B (out × r) zero, so training starts from the shared layer itself.
 */
public final class LoraProvider implements LayerAdaptationProvider {

    @Override
    public String name() {
        return "lora";
    }

    @Override
    public String description() {
        return "per-iteration low-rank updates of the query/value projections (or all projections)";
    }

    @Override
    public LayerAdaptation create(Config settings, ModelShape shape, Weights weights) {
        int rank = Settings.positive(name(), settings, "rank", shape.hiddenSize(), "the hidden size");
        double alpha = settings.getDouble("alpha");
        if (!(alpha > 0)) {
            throw new ConfigurationException("lora.alpha must be positive (the update is scaled by alpha / rank), found "
                    + alpha);
        }
        float scale = (float) (alpha / rank);
        List<Projection> targets = targets(settings.getStringList("targets"));
        List<Map<Projection, Weight[]>> updates = new java.util.ArrayList<>();
        for (int i = 0; i < shape.iterations(); i++) {
            Map<Projection, Weight[]> perIteration = new EnumMap<>(Projection.class);
            for (Projection target : targets) {
                int in = target == Projection.FEED_FORWARD_OUTPUT ? shape.intermediateSize() : shape.hiddenSize();
                int out = target == Projection.INTERMEDIATE ? shape.intermediateSize() : shape.hiddenSize();
                String prefix = "lora." + i + "." + target.name().toLowerCase(Locale.ROOT);
                perIteration.put(target, new Weight[] {
                    weights.normal(prefix + ".a", WeightGroup.ADAPTATION, new Shape(rank, in)),
                    weights.zeros(prefix + ".b", WeightGroup.ADAPTATION, new Shape(out, rank))});
            }
            updates.add(perIteration);
        }
        return new LayerAdaptation() {
            @Override
            public NDArray projection(int iteration, Projection which, NDArray input, NDArray output) {
                Weight[] ab = updates.get(iteration).get(which);
                if (ab == null) {
                    return output;
                }
                NDArray lowRank = input.matMul(ab[0].value().transpose()).matMul(ab[1].value().transpose());
                return output.add(Scalars.mul(lowRank, scale));
            }
        };
    }

    private static List<Projection> targets(List<String> names) {
        if (names.equals(List.of("all"))) {
            return List.of(Projection.values());
        }
        List<Projection> targets = new java.util.ArrayList<>();
        for (String name : names) {
            try {
                targets.add(Projection.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("lora.targets: unknown projection '" + name + "'; allowed: query, key, "
                        + "value, attention-output, intermediate, feed-forward-output, or [all]");
            }
        }
        if (targets.isEmpty()) {
            throw new ConfigurationException("lora.targets is empty; name at least one projection, e.g. [query, value]");
        }
        return targets;
    }
}
