package org.minialbert.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.nn.ModelShape;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.KeyValuePrefix;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;

/**
 * {@code prefix} (Li and Liang 2021): per iteration, {@code length} learned key and value vectors
 * per head prepended to the attention, so each iteration of the shared layer attends to its own
 * context.
 */
public final class PrefixTuningProvider implements LayerAdaptationProvider {

    @Override
    public String name() {
        return "prefix";
    }

    @Override
    public String description() {
        return "per-iteration learned key/value prefixes in the attention";
    }

    @Override
    public LayerAdaptation create(Config settings, ModelShape shape, Weights weights) {
        int length = Settings.positive(name(), settings, "length", 512, "");
        Shape prefixShape = new Shape(1, shape.attentionHeads(), length, shape.headSize());
        List<Weight[]> prefixes = new ArrayList<>();
        for (int i = 0; i < shape.iterations(); i++) {
            prefixes.add(new Weight[] {weights.normal("prefixes." + i + ".key", WeightGroup.ADAPTATION, prefixShape),
                weights.normal("prefixes." + i + ".value", WeightGroup.ADAPTATION, prefixShape)});
        }
        return new LayerAdaptation() {
            @Override
            public KeyValuePrefix keyValuePrefix(int iteration, int batchSize) {
                Weight[] kv = prefixes.get(iteration);
                return new KeyValuePrefix(kv[0].value().repeat(0, batchSize), kv[1].value().repeat(0, batchSize));
            }
        };
    }
}
