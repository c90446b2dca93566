package org.minialbert.api.plugin;

/**
 * Which unique transformer block serves each of the N iterations (Takase and Kiyono 2021). The
 * attention and feed-forward sub-blocks may be shared differently; by default they follow the same
 * assignment. Block indices run from 0 to the block count minus one, and every block is used.
 */
public interface ParameterSharing {

    /** Number of iterations N this assignment covers. */
    int iterations();

    /** Index of the attention block applied at {@code iteration} (0-based). */
    int attentionBlockFor(int iteration);

    /** Index of the feed-forward block applied at {@code iteration}; defaults to the attention one. */
    default int feedForwardBlockFor(int iteration) {
        return attentionBlockFor(iteration);
    }

    /** Number of distinct attention blocks. */
    default int attentionBlocks() {
        int max = -1;
        for (int i = 0; i < iterations(); i++) {
            max = Math.max(max, attentionBlockFor(i));
        }
        return max + 1;
    }

    /** Number of distinct feed-forward blocks. */
    default int feedForwardBlocks() {
        int max = -1;
        for (int i = 0; i < iterations(); i++) {
            max = Math.max(max, feedForwardBlockFor(i));
        }
        return max + 1;
    }
}
