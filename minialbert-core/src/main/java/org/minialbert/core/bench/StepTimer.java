package org.minialbert.core.bench;

import java.util.Arrays;

/**
 * Times a step several times; the median is what a benchmark reports (robust to a slow outlier such
 * as a garbage collection), the spread says how much the machine moved meanwhile. Warm-up runs are
 * the caller's.
 */
public final class StepTimer {
    private StepTimer() {
    }

    /** The seconds each of {@code steps} timed runs of {@code step} took, in the order they ran. */
    public static double[] time(int steps, Runnable step) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        double[] seconds = new double[steps];
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            step.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
