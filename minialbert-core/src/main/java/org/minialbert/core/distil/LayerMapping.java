package org.minialbert.core.distil;

import java.util.List;
import java.util.stream.IntStream;
import org.minialbert.api.ConfigurationException;

/**
 * Which teacher layer each student iteration is aligned with (spec section 3): iteration i (0-based)
 * ↔ teacher layer g(i), so student {@code hidden_states[1+i]} ↔ teacher {@code hidden_states[1+g(i)]}
 * and student {@code attentions[i]} ↔ teacher {@code attentions[g(i)]}. The reference uses
 * {@code g(i) = 2i + 1}.
 */
public record LayerMapping(List<Integer> teacherLayers) {

    public LayerMapping {
        teacherLayers = List.copyOf(teacherLayers);
    }

    /** The reference mapping {@code g(i) = 2i + 1} for {@code iterations} student iterations. */
    public static LayerMapping reference(int iterations) {
        return new LayerMapping(IntStream.range(0, iterations).map(i -> 2 * i + 1).boxed().toList());
    }

    /** An explicit mapping: {@code layers[i]} is the teacher layer (0-based) of iteration i. */
    public static LayerMapping of(int... layers) {
        return new LayerMapping(IntStream.of(layers).boxed().toList());
    }

    /** Number of mapped pairs (= student iterations). */
    public int size() {
        return teacherLayers.size();
    }

    /** g(i), 0-based. */
    public int teacherLayer(int iteration) {
        return teacherLayers.get(iteration);
    }

    /**
     * Checks the mapping against a student of {@code iterations} iterations and a teacher of
     * {@code layers} layers: N ≤ L, one entry per iteration, every entry in {@code 0..L-1}.
     *
     * @return this mapping
     * @throws ConfigurationException naming the first problem
     */
    public LayerMapping validate(int iterations, int layers) {
        if (iterations > layers) {
            throw new ConfigurationException("the student has " + iterations + " iterations but the teacher only "
                    + layers + " layers: distillation needs N <= L");
        }
        if (size() != iterations) {
            throw new ConfigurationException("the layer mapping " + teacherLayers + " has " + size()
                    + " entries but the student has " + iterations + " iterations (one teacher layer per iteration)");
        }
        for (int i = 0; i < size(); i++) {
            int g = teacherLayer(i);
            if (g < 0 || g >= layers) {
                throw new ConfigurationException("the layer mapping " + teacherLayers + " maps student iteration " + i
                        + " to teacher layer " + g + ", outside 0.." + (layers - 1) + " (the teacher has " + layers
                        + " layers); use a teacher with at least " + (g + 1) + " layers or another mapping");
            }
        }
        return this;
    }
}
