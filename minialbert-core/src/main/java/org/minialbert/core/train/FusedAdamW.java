package org.minialbert.core.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.nn.ParallelRanges;

/**
 * The AdamW update of many weights in one pass over their memory, in Java on the CPU: for each
 * element, read the weight, gradient and both moments once and write the weight and moments once
 * (the gradient is dropped afterwards, not zeroed: {@link AdamW#step}), where engine operations take
 * about fifteen passes and temporaries per weight. The elements of all
 * weights are split into equal contiguous ranges, one per processor ({@link ParallelRanges}). The
 * memory-bound optimizer was 12% of a distillation update before (docs/performance.md).
 */
final class FusedAdamW {
    /** Ranges of fewer elements are not worth a thread of their own. */
    private static final long MIN_PER_RANGE = 1 << 16;

    /**
     * What every element's update uses: {@code g = gradientScale · grad}, the moment decays, and
     * {@code p <- decay · p - stepSize · m / (sqrt(v) + epsilon)} with the bias corrections folded
     * into {@code stepSize} and {@code epsilon}.
     */
    record Coefficients(float beta1, float beta2, float gradientScale, float stepSize, float epsilon) {
    }

    /** One weight's memory and its decay factor ({@code 1 - lr · wd}, or 1 where it is not decayed). */
    private record Part(FloatBuffer value, FloatBuffer gradient, FloatBuffer first, FloatBuffer second, float decay) {
        int size() {
            return value.capacity();
        }
    }

    private final Coefficients coefficients;
    private final List<Part> parts = new ArrayList<>();
    private long total;

    FusedAdamW(Coefficients coefficients) {
        this.coefficients = coefficients;
    }

    void add(FloatBuffer value, FloatBuffer gradient, FloatBuffer first, FloatBuffer second, float decay) {
        int size = value.capacity();
        if (gradient.capacity() != size || first.capacity() != size || second.capacity() != size) {
            throw new IllegalArgumentException("a weight of " + size + " elements with a gradient of "
                    + gradient.capacity() + " and moments of " + first.capacity() + " and " + second.capacity());
        }
        Part part = new Part(value, gradient, first, second, decay);
        parts.add(part);
        total += part.size();
    }

    /** Updates every weight added, on all processors. */
    void run() {
        ParallelRanges.run(total, MIN_PER_RANGE, this::update);
    }

    /** The elements of all weights added. */
    long size() {
        return total;
    }

    /** Elements {@code [from, to)} of all weights, counted in the order they were added. */
    private void update(long from, long to) {
        long offset = 0;
        for (Part part : parts) {
            long end = offset + part.size();
            if (end > from && offset < to) {
                update(part, (int) (Math.max(from, offset) - offset), (int) (Math.min(to, end) - offset));
            }
            offset = end;
        }
    }

    private void update(Part part, int from, int to) {
        FloatBuffer value = part.value();
        FloatBuffer gradient = part.gradient();
        FloatBuffer first = part.first();
        FloatBuffer second = part.second();
        float decay = part.decay();
        float beta1 = coefficients.beta1();
        float beta2 = coefficients.beta2();
        float rest1 = 1 - beta1;
        float rest2 = 1 - beta2;
        float scale = coefficients.gradientScale();
        float stepSize = coefficients.stepSize();
        float epsilon = coefficients.epsilon();
        for (int i = from; i < to; i++) {
            float g = gradient.get(i) * scale;
            float m = beta1 * first.get(i) + rest1 * g;
            float v = beta2 * second.get(i) + rest2 * g * g;
            first.put(i, m);
            second.put(i, v);
            value.put(i, value.get(i) * decay - stepSize * m / ((float) Math.sqrt(v) + epsilon));
        }
    }
}
