package org.minialbert.api.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Dropout masks for arrays on the CPU, drawn in Java. PyTorch's CPU dropout draws its Bernoulli mask
 * one element at a time from a serial generator (about 15 ns per element here, the largest cost of a
 * fine-tuning update after the matrix products; docs/performance.md); a {@link SplittableRandom}
 * fills the same mask in about 3 ns per element. A mask holds 0 where an element is dropped
 * (probability {@code rate}, drawn with 24-bit resolution) and {@code 1 / (1 - rate)} where it is
 * kept, so dropout is a single product. The mask is a new engine array, written in place through a
 * view of its memory. Each thread has its own generator, seeded by {@link ForwardContext#seedDropout};
 * a mask's chunks of 65536 elements draw from generators split off that one in order, so a mask is
 * the same however its chunks are shared out. A mask of fewer than {@code CHUNKS_PER_THREAD} chunks
 * is filled by the calling thread alone: the engine's OpenMP threads keep spinning for a few
 * milliseconds after each operation, and a second Java thread would compete with them for a core
 * (docs/performance.md, fifth round: the distillation update was slower with every mask split
 * between two threads). Larger masks are shared out over all processors ({@link ParallelRanges}).
 */
final class DropoutMasks {
    private static final int RESOLUTION_BITS = 24;
    /** Elements drawn from one generator. */
    private static final int CHUNK = 1 << 16;
    /** Chunks a thread fills at the least (4 M elements, about 10 ms): less stays on the calling thread. */
    private static final int CHUNKS_PER_THREAD = 64;
    private static final ThreadLocal<SplittableRandom> PER_THREAD = ThreadLocal.withInitial(SplittableRandom::new);

    private DropoutMasks() {
    }

    static void seed(long seed) {
        PER_THREAD.set(new SplittableRandom(seed));
    }

    /** A new mask of {@code shape} in {@code manager}'s memory, for drop probability {@code rate} in (0, 1). */
    static NDArray draw(NDManager manager, Shape shape, float rate) {
        int size = Math.toIntExact(shape.size());
        if (!manager.getDevice().equals(Device.cpu())) {
            throw new IllegalStateException("dropout masks are drawn in Java for CPU arrays only, not on "
                    + manager.getDevice());
        }
        NDArray mask = manager.create(shape, DataType.FLOAT32);
        // a new array is dense and contiguous, so this is a view of its own memory, not of a copy
        FloatBuffer values = mask.toByteBuffer(true).asFloatBuffer();
        int threshold = Math.round(rate * (1 << RESOLUTION_BITS));
        float kept = 1f / (1f - rate);
        SplittableRandom random = PER_THREAD.get();
        int chunks = (size + CHUNK - 1) / CHUNK;
        SplittableRandom[] generators = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            generators[c] = random.split();
        }
        ParallelRanges.run(chunks, CHUNKS_PER_THREAD, (from, to) -> {
            for (int c = (int) from; c < to; c++) {
                fill(values, c * CHUNK, Math.min(size, (c + 1) * CHUNK), generators[c], threshold, kept);
            }
        });
        return mask;
    }

    private static void fill(FloatBuffer values, int from, int to, SplittableRandom random, int threshold,
            float kept) {
        int keptBits = Float.floatToRawIntBits(kept);
        int i = from;
        for (; i + 1 < to; i += 2) {
            long bits = random.nextLong();
            values.put(i, keptOrZero((int) (bits >>> (64 - RESOLUTION_BITS)), threshold, keptBits));
            values.put(i + 1, keptOrZero((int) bits >>> (32 - RESOLUTION_BITS), threshold, keptBits));
        }
        if (i < to) {
            values.put(i, keptOrZero(random.nextInt() >>> (32 - RESOLUTION_BITS), threshold, keptBits));
        }
    }

    /**
     * 0 when {@code draw < threshold} (dropped), else the kept value, without a branch: a tenth of the
     * draws fall under the threshold at random, which a branch predictor cannot follow. The difference
     * is negative exactly when the element is dropped, and its sign, spread over all 32 bits, clears
     * the kept value's bits.
     */
    private static float keptOrZero(int draw, int threshold, int keptBits) {
        return Float.intBitsToFloat(keptBits & ~((draw - threshold) >> 31));
    }
}
