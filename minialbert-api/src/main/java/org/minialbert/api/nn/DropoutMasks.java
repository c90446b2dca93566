package org.minialbert.api.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.IntBuffer;
import java.util.SplittableRandom;

/**
 * Dropout masks for arrays on the CPU, drawn in Java. PyTorch's CPU dropout draws its Bernoulli mask
 * one element at a time from a serial generator (about 15 ns per element here, the largest cost of a
 * fine-tuning update after the matrix products; docs/performance-history.md). Here each mask takes one 64-bit
 * key from the calling thread's generator (seeded by {@link ForwardContext#seedDropout}), and element
 * {@code i} is dropped when a hash of {@code (i, key)} falls under the rate: two rounds of a 32-bit
 * integer finaliser, with 24-bit resolution. The decision for an element depends on nothing else, so
 * the loop has no state to carry from one element to the next: Java compiles it to vector
 * instructions (about 0.5 ns per element, and 0.4 ns more to copy it to the mask, against 1.7-2.6 ns
 * for the sequential generator used before), and a mask is the same however it is cut up and shared
 * out between threads.
 *
 * <p>A mask holds 0 where an element is dropped and {@code 1 / (1 - rate)} where it is kept, so
 * dropout is a single product. It is a new engine array, written in place through a view of its
 * memory, a chunk at a time from a Java array (the compiler vectorises loops over Java arrays, not
 * over views of native memory). A mask of fewer than {@code CHUNKS_PER_THREAD} chunks is filled by
 * the calling thread alone: the engine's OpenMP threads keep spinning for a few milliseconds after
 * each operation, and a second Java thread would compete with them for a core (docs/performance-history.md,
 * fifth round). Larger masks are shared out over all processors ({@link ParallelRanges}).
 */
final class DropoutMasks {
    private static final int RESOLUTION_BITS = 24;
    /** Elements hashed into one Java array before they are copied to the mask. */
    static final int CHUNK = 1 << 16;
    /** Chunks a thread fills at the least (4 M elements): less stays on the calling thread. */
    private static final int CHUNKS_PER_THREAD = 64;
    /** 0, 1, ..., CHUNK - 1: the loop reads element indices from here, which keeps it vectorisable. */
    private static final int[] OFFSETS = new int[CHUNK];
    private static final ThreadLocal<SplittableRandom> PER_THREAD = ThreadLocal.withInitial(SplittableRandom::new);
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[CHUNK]);

    static {
        for (int i = 0; i < CHUNK; i++) {
            OFFSETS[i] = i;
        }
    }

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
        IntBuffer values = mask.toByteBuffer(true).asIntBuffer();
        int threshold = Math.round(rate * (1 << RESOLUTION_BITS));
        int keptBits = Float.floatToRawIntBits(1f / (1f - rate));
        long key = PER_THREAD.get().nextLong();
        int chunks = (int) ((size + (long) CHUNK - 1) / CHUNK);
        ParallelRanges.run(chunks, CHUNKS_PER_THREAD,
                (from, to) -> fillChunks(values, size, (int) from, (int) to, key, threshold, keptBits));
        return mask;
    }

    /**
     * Chunks {@code [from, to)} of a mask of {@code size} elements whose memory is {@code values}, each
     * hashed into this thread's Java array and copied over.
     */
    static void fillChunks(IntBuffer values, int size, int from, int to, long key, int threshold, int keptBits) {
        int[] scratch = SCRATCH.get();
        for (int c = from; c < to; c++) {
            int start = c * CHUNK;
            int length = Math.min(size - start, CHUNK);
            fill(scratch, start, length, key, threshold, keptBits);
            values.put(start, scratch, 0, length);
        }
    }

    /**
     * Writes the mask values of elements {@code start .. start + length - 1}, at most {@code CHUNK}
     * of them, to {@code out[0 .. length)} as float bits: 0 when the element's 24-bit draw is under
     * {@code threshold}, else {@code keptBits}. (The loop stays vectorisable only while it reads
     * {@code OFFSETS} and writes {@code out} at the same index: an offset into {@code out} stops
     * the compiler, which then cannot rule out that the two arrays overlap.)
     */
    static void fill(int[] out, int start, int length, long key, int threshold, int keptBits) {
        if (length > CHUNK) {
            throw new IllegalArgumentException("at most " + CHUNK + " elements at a time, not " + length);
        }
        int low = (int) key;
        int high = (int) (key >>> 32);
        for (int j = 0; j < length; j++) {
            // an odd multiplier keeps distinct indices distinct; both rounds are bijections too
            int x = (OFFSETS[j] + start) * 0x9E3779B9 + low;
            x ^= x >>> 16;
            x *= 0x85EBCA6B;
            x ^= x >>> 13;
            x *= 0xC2B2AE35;
            x ^= x >>> 16;
            x ^= high;
            x *= 0x7FEB352D;
            x ^= x >>> 15;
            x *= 0x846CA68B;
            x ^= x >>> 16;
            out[j] = keptOrZero(x >>> (32 - RESOLUTION_BITS), threshold, keptBits);
        }
    }

    /**
     * 0 when {@code draw < threshold} (dropped), else the kept value's bits, without a branch: a tenth
     * of the draws fall under the threshold at random, which a branch predictor cannot follow. The
     * difference is negative exactly when the element is dropped, and its sign, spread over all 32
     * bits, clears the kept value's bits.
     */
    private static int keptOrZero(int draw, int threshold, int keptBits) {
        return keptBits & ~((draw - threshold) >> 31);
    }
}
