package org.minialbert.core.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.text.TokenBatch;

/** A benchmark batch: {@code rows} sequences of {@code length} tokens, written {@code ROWSxLENGTH}. */
public record BatchShape(int rows, int length) {

    public BatchShape {
        if (rows < 1 || length < 2) {
            throw new ConfigurationException("batch shape " + rows + "x" + length + ": need at least 1 row of 2 tokens");
        }
    }

    /** Parses {@code 8x128}. */
    public static BatchShape parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new BatchShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("batch shape '" + text + "': expected ROWSxLENGTH, e.g. 8x128");
    }

    /** Tokens per batch. */
    public long tokens() {
        return (long) rows * length;
    }

    /**
     * A full batch (no padding) of token ids drawn with {@code seed} from the upper nine tenths of a
     * vocabulary of {@code vocabularySize} (past BERT's special and unused tokens); speed does not
     * depend on which tokens they are.
     */
    public TokenBatch randomBatch(int vocabularySize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = rows * length;
        long[] ids = new long[n];
        long[] mask = new long[n];
        int low = vocabularySize / 10;
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(low, vocabularySize);
            mask[i] = 1;
        }
        return new TokenBatch(ids, mask, new long[n], rows, length);
    }

    @Override
    public String toString() {
        return rows + "x" + length;
    }
}
