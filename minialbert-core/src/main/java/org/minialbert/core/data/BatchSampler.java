package org.minialbert.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.minialbert.core.text.TokenBatch;

/**
 * Serves the windows as padded batches in a seeded random order: epoch e visits all windows in a
 * permutation drawn from {@code seed + e}, and batch n holds the windows at positions
 * {@code [n B, (n + 1) B)} of the concatenated epochs. A batch depends only on its index, so a
 * resumed run sees exactly the batches an uninterrupted run would.
 */
public final class BatchSampler {
    private final List<int[]> windows;
    private final int batchSize;
    private final long seed;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    public BatchSampler(List<int[]> windows, int batchSize, long seed) {
        this.windows = windows;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The {@code index}-th batch, padded with 0 to its longest window. */
    public TokenBatch batch(long index) {
        List<long[]> ids = new ArrayList<>(batchSize);
        List<long[]> types = new ArrayList<>(batchSize);
        for (long position = index * batchSize; position < (index + 1) * batchSize; position++) {
            int[] window = windows.get(order((int) (position / windows.size()))[(int) (position % windows.size())]);
            long[] row = new long[window.length];
            for (int i = 0; i < window.length; i++) {
                row[i] = window[i];
            }
            ids.add(row);
            types.add(new long[window.length]);
        }
        return TokenBatch.padded(ids, types);
    }

    private int[] order(int epoch) {
        if (epoch != cachedEpoch) {
            cachedOrder = Permutation.of(windows.size(), new Random(seed + epoch));
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
