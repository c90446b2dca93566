package org.minialbert.core.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;

/**
 * Parameter counts by {@link WeightGroup}. {@link #encoder()} is the paper's "#Params": everything
 * but the task and MLM heads (a tied MLM decoder is the word embedding table and counts once).
 */
public record ParameterCounts(Map<WeightGroup, Long> byGroup) {

    public static ParameterCounts of(Weights weights) {
        Map<WeightGroup, Long> counts = new EnumMap<>(WeightGroup.class);
        for (WeightGroup group : WeightGroup.values()) {
            counts.put(group, 0L);
        }
        for (Weight weight : weights.all()) {
            counts.merge(weight.group(), weight.size(), Long::sum);
        }
        return new ParameterCounts(Collections.unmodifiableMap(counts));
    }

    public long group(WeightGroup group) {
        return byGroup.get(group);
    }

    /** Parameters of the encoder, heads excluded, as the paper reports them. */
    public long encoder() {
        return byGroup.entrySet().stream().filter(e -> e.getKey().isEncoder()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Every parameter, heads included. */
    public long total() {
        return byGroup.values().stream().mapToLong(Long::longValue).sum();
    }
}
