package org.minialbert.core.data;

import java.util.Random;

/** Seeded orders of n items (Fisher–Yates), for reproducible epochs. */
public final class Permutation {
    private Permutation() {
    }

    /** 0..n-1 shuffled with {@code random}, or in order when {@code random} is null. */
    public static int[] of(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        return order;
    }
}
