package org.minialbert.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The counter-based mask values: the same however a mask is cut into pieces, at the rate, and with
 * decisions independent of their neighbours and of other masks (the engine path, seeding and the
 * gradient are tested in core's DropoutTest).
 */
class DropoutMasksTest {
    private static final float RATE = 0.1f;
    private static final int THRESHOLD = Math.round(RATE * (1 << 24));
    private static final int KEPT = Float.floatToRawIntBits(1f / (1f - RATE));
    private static final int SIZE = 1 << 20;
    private static final int CHUNK = DropoutMasks.CHUNK;

    /** The mask of {@code size} elements for {@code key}, chunk by chunk as {@code draw} fills it. */
    private static int[] mask(long key, int size) {
        IntBuffer values = IntBuffer.allocate(size);
        DropoutMasks.fillChunks(values, size, 0, (size + CHUNK - 1) / CHUNK, key, THRESHOLD, KEPT);
        return values.array();
    }

    private static boolean dropped(int value) {
        return value == 0;
    }

    @Test
    void aMaskIsTheSameHoweverItIsCut() {
        long key = new SplittableRandom(5).nextLong();
        int[] whole = mask(key, 200_000);
        int[] pieces = new int[whole.length];
        int[] cuts = {7, CHUNK, 1_000, 3, CHUNK - 1};
        for (int start = 0, k = 0; start < whole.length; start += cuts[k++ % cuts.length]) {
            int length = Math.min(cuts[k % cuts.length], whole.length - start);
            int[] piece = new int[length];
            DropoutMasks.fill(piece, start, length, key, THRESHOLD, KEPT);
            System.arraycopy(piece, 0, pieces, start, length);
        }
        assertThat(pieces).isEqualTo(whole);
    }

    /**
     * A mask of several chunks and a part-chunk (as {@code draw} fills it, range by range) is the
     * same whether one thread fills all its chunks or two threads split them, and its part-chunk holds
     * the values of its own elements.
     */
    @Test
    void chunkRangesFillTheWholeMaskOnce() {
        long key = new SplittableRandom(9).nextLong();
        int size = 3 * CHUNK + 12_345;
        IntBuffer oneRange = IntBuffer.allocate(size);
        DropoutMasks.fillChunks(oneRange, size, 0, 4, key, THRESHOLD, KEPT);
        IntBuffer twoRanges = IntBuffer.allocate(size);
        DropoutMasks.fillChunks(twoRanges, size, 2, 4, key, THRESHOLD, KEPT);
        DropoutMasks.fillChunks(twoRanges, size, 0, 2, key, THRESHOLD, KEPT);
        assertThat(twoRanges.array()).isEqualTo(oneRange.array());
        int[] lastChunk = new int[12_345];
        DropoutMasks.fill(lastChunk, 3 * CHUNK, lastChunk.length, key, THRESHOLD, KEPT);
        assertThat(Arrays.copyOfRange(oneRange.array(), 3 * CHUNK, size)).as("the part-chunk at the end")
                .isEqualTo(lastChunk);
    }

    /**
     * Over a million elements (binomial standard deviations: 0.0003 for the rate, 0.0001 for pairs):
     * the dropped fraction is the rate, every kept value is 1 / (1 - rate), and an element is dropped
     * together with its neighbour, with the element a chunk further on, or with the same element of
     * the next mask about rate² of the time.
     */
    @Test
    void decisionsFollowTheRateAndAreIndependent() {
        SplittableRandom keys = new SplittableRandom(11);
        int[] first = mask(keys.nextLong(), SIZE);
        int[] second = mask(keys.nextLong(), SIZE);
        long drops = 0;
        long withNeighbour = 0;
        long withChunkAhead = 0;
        long withNextMask = 0;
        int lag = CHUNK;
        for (int i = 0; i < SIZE; i++) {
            assertThat(first[i]).isIn(0, KEPT);
            boolean here = dropped(first[i]);
            drops += here ? 1 : 0;
            withNeighbour += here && i + 1 < SIZE && dropped(first[i + 1]) ? 1 : 0;
            withChunkAhead += here && i + lag < SIZE && dropped(first[i + lag]) ? 1 : 0;
            withNextMask += here && dropped(second[i]) ? 1 : 0;
        }
        assertThat(drops / (double) SIZE).as("dropped fraction").isCloseTo(RATE, within(0.002));
        double both = RATE * RATE;
        assertThat(withNeighbour / (double) (SIZE - 1)).as("dropped with the next element").isCloseTo(both, within(0.001));
        assertThat(withChunkAhead / (double) (SIZE - lag)).as("dropped with the element a chunk on")
                .isCloseTo(both, within(0.001));
        assertThat(withNextMask / (double) SIZE).as("dropped in the next mask too").isCloseTo(both, within(0.001));
    }
}
