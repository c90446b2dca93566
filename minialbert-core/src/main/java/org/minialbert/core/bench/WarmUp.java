package org.minialbert.core.bench;

import java.util.function.LongSupplier;

/**
 * The untimed steps before a workload's timed ones: at least the requested number, then more until the
 * process's memory has grown to its working size, so that the timed steps measure a training run's
 * steady state and not its start-up. A distillation update keeps growing the C library's heap for its
 * first ten or so steps (every other step touches thousands of new pages, at 10-20 µs each on this
 * project's development machine; docs/performance-history.md, sixth round); after that a step touches a few
 * hundred. Memory has settled when {@link #SETTLED_STEPS} steps in a row each touch fewer than
 * {@link #SETTLED_PAGES} new pages (three, because growing steps alternate with quiet ones at first);
 * at most {@link #MAX_EXTRA_STEPS} steps are added. Where page faults cannot be read (not Linux),
 * exactly the requested number of steps runs.
 */
final class WarmUp {
    /** New pages (4 KiB each) a step may touch and still count as settled: 4 MiB. */
    static final long SETTLED_PAGES = 1000;
    /** Steps in a row that must stay under {@link #SETTLED_PAGES}. */
    static final int SETTLED_STEPS = 3;
    /** Steps added to the requested ones at the most. */
    static final int MAX_EXTRA_STEPS = 12;

    private WarmUp() {
    }

    /**
     * Runs the warm-up steps and returns how many ran; none when {@code minimum} is 0.
     *
     * @param minimum the requested number of steps ({@code --warmup})
     * @param pageFaults the process's minor page faults so far (negative where unknown)
     */
    static int run(int minimum, Runnable step, LongSupplier pageFaults) {
        if (minimum == 0) {
            return 0;
        }
        int steps = 0;
        int settled = 0;
        boolean known = true;
        while (steps < minimum || (known && settled < SETTLED_STEPS && steps < minimum + MAX_EXTRA_STEPS)) {
            long before = pageFaults.getAsLong();
            step.run();
            steps++;
            long touched = pageFaults.getAsLong() - before;
            known = known && before >= 0 && touched >= 0;
            settled = touched < SETTLED_PAGES ? settled + 1 : 0;
        }
        return steps;
    }
}
