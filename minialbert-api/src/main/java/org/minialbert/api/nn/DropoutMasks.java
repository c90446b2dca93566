package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Dropout masks for arrays on the CPU, drawn in Java. PyTorch's CPU dropout draws its Bernoulli mask
 * one element at a time from a serial generator (about 15 ns per element here, the largest cost of a
 * fine-tuning update after the matrix products; docs/performance.md); a {@link SplittableRandom}
 * fills the same mask in a few nanoseconds per element. A mask holds 0 where an element is dropped
 * (probability {@code rate}, drawn with 24-bit resolution) and {@code 1 / (1 - rate)} where it is
 * kept, so dropout is a single product. Each thread has its own generator, seeded by
 * {@link ForwardContext#seedDropout}, and its own scratch buffer, as large as its largest mask.
 */
final class DropoutMasks {
    private static final int RESOLUTION_BITS = 24;
    private static final ThreadLocal<DropoutMasks> PER_THREAD = ThreadLocal.withInitial(DropoutMasks::new);

    private SplittableRandom random = new SplittableRandom();
    private ByteBuffer scratch = ByteBuffer.allocateDirect(0);

    private DropoutMasks() {
    }

    static void seed(long seed) {
        PER_THREAD.get().random = new SplittableRandom(seed);
    }

    /** A new mask of {@code shape} in {@code manager}'s memory, for drop probability {@code rate} in (0, 1). */
    static NDArray draw(NDManager manager, Shape shape, float rate) {
        return PER_THREAD.get().fill(manager, shape, rate);
    }

    private NDArray fill(NDManager manager, Shape shape, float rate) {
        int size = Math.toIntExact(shape.size());
        FloatBuffer values = buffer(size).asFloatBuffer();
        int threshold = Math.round(rate * (1 << RESOLUTION_BITS));
        float kept = 1f / (1f - rate);
        int i = 0;
        for (; i + 1 < size; i += 2) {
            long bits = random.nextLong();
            values.put(i, (int) (bits >>> (64 - RESOLUTION_BITS)) < threshold ? 0f : kept);
            values.put(i + 1, ((int) bits >>> (32 - RESOLUTION_BITS)) < threshold ? 0f : kept);
        }
        if (i < size) {
            values.put(i, (random.nextInt() >>> (32 - RESOLUTION_BITS)) < threshold ? 0f : kept);
        }
        try (NDArray view = manager.create(scratch, shape, DataType.FLOAT32)) {
            return view.duplicate();
        }
    }

    /** The scratch buffer, grown if needed, positioned over exactly {@code floats} values. */
    private ByteBuffer buffer(int floats) {
        long bytes = 4L * floats;
        if (scratch.capacity() < bytes) {
            scratch = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
        }
        scratch.clear().limit((int) bytes);
        return scratch;
    }
}
