package org.minialbert.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.minialbert.api.ConfigurationException;

/**
 * BERT masking (spec section 5): every real, non-special token is selected with probability
 * {@code probability}; a selected token keeps its id as the label and becomes [MASK] with
 * probability 0.8, a uniformly random vocabulary id with probability 0.1, and stays unchanged
 * otherwise. Labels are -100 at every position that is not selected.
 */
public final class MlmMasking {
    public static final long IGNORED = -100;
    private final double probability;
    private final int vocabularySize;
    private final long maskId;
    private final long[] specialIds;

    public MlmMasking(double probability, int vocabularySize, long maskId, long... specialIds) {
        if (!(probability > 0 && probability < 1)) {
            throw new ConfigurationException("data.mask-probability must be in (0, 1), found " + probability);
        }
        this.probability = probability;
        this.vocabularySize = vocabularySize;
        this.maskId = maskId;
        this.specialIds = specialIds.clone();
        Arrays.sort(this.specialIds);
    }

    /**
     * The masked ids and labels of a padded batch; {@code ids} and {@code attentionMask} are not
     * changed. If no token is selected (possible only in tiny batches) the first eligible one is, so
     * every batch carries an MLM target.
     */
    public Masked apply(long[] ids, long[] attentionMask, SplittableRandom random) {
        long[] masked = ids.clone();
        long[] labels = new long[ids.length];
        Arrays.fill(labels, IGNORED);
        int firstEligible = -1;
        boolean any = false;
        for (int i = 0; i < ids.length; i++) {
            if (attentionMask[i] == 0 || Arrays.binarySearch(specialIds, ids[i]) >= 0) {
                continue;
            }
            firstEligible = firstEligible < 0 ? i : firstEligible;
            if (random.nextDouble() < probability) {
                select(i, ids, masked, labels, random);
                any = true;
            }
        }
        if (!any && firstEligible >= 0) {
            select(firstEligible, ids, masked, labels, random);
        }
        return new Masked(masked, labels);
    }

    private void select(int i, long[] ids, long[] masked, long[] labels, SplittableRandom random) {
        labels[i] = ids[i];
        double action = random.nextDouble();
        if (action < 0.8) {
            masked[i] = maskId;
        } else if (action < 0.9) {
            masked[i] = random.nextInt(vocabularySize);
        }
    }

    /** Masked input ids and MLM labels, row-major like the batch. */
    public record Masked(long[] inputIds, long[] labels) {
    }
}
