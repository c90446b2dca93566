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
 * weights are split into equal contiguous ranges, one per processor ({@link ParallelRanges}), and
 * each range is updated a chunk at a time in Java arrays. The memory-bound optimizer was 12% of a
 * distillation update before (docs/performance-history.md, third round).
 */
final class FusedAdamW {
    /** Ranges of fewer elements are not worth a thread of their own. */
    private static final long MIN_PER_RANGE = 1 << 16;
    /**
     * Elements of each buffer copied to a Java array at a time: the loop over views of engine memory
     * is not vectorised, the same loop over Java arrays is (1.7 times as fast on one thread, the
     * same numbers; docs/performance-history.md, seventh round); 4 x 16 KiB stay in the core's cache.
     */
    private static final int CHUNK = 4096;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
        Scratch scratch = SCRATCH.get();
        float[] value = scratch.value;
        float[] gradient = scratch.gradient;
        float[] first = scratch.first;
        float[] second = scratch.second;
        int length;
        for (int start = from; start < to; start += length) {
            length = Math.min(CHUNK, to - start);
            part.value().get(start, value, 0, length);
            part.gradient().get(start, gradient, 0, length);
            part.first().get(start, first, 0, length);
            part.second().get(start, second, 0, length);
            update(value, gradient, first, second, length, part.decay());
            part.value().put(start, value, 0, length);
            part.first().put(start, first, 0, length);
            part.second().put(start, second, 0, length);
        }
    }

    /** The update of {@code length} elements copied into Java arrays, where the compiler vectorises it. */
    private void update(float[] value, float[] gradient, float[] first, float[] second, int length, float decay) {
        float beta1 = coefficients.beta1();
        float beta2 = coefficients.beta2();
        float rest1 = 1 - beta1;
        float rest2 = 1 - beta2;
        float scale = coefficients.gradientScale();
        float stepSize = coefficients.stepSize();
        float epsilon = coefficients.epsilon();
        for (int i = 0; i < length; i++) {
            float g = gradient[i] * scale;
            float m = beta1 * first[i] + rest1 * g;
            float v = beta2 * second[i] + rest2 * g * g;
            first[i] = m;
            second[i] = v;
            value[i] = value[i] * decay - stepSize * m / ((float) Math.sqrt(v) + epsilon);
        }
    }

    /** A thread's Java arrays for one chunk of each of the four buffers. */
    private static final class Scratch {
        final float[] value = new float[CHUNK];
        final float[] gradient = new float[CHUNK];
        final float[] first = new float[CHUNK];
        final float[] second = new float[CHUNK];
    }
}
