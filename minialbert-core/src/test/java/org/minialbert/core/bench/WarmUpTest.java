package org.minialbert.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up runs until three steps in a row touch few new pages, within its bounds. */
class WarmUpTest {

    /** A step that touches {@code pages[i]} new pages on its i-th run (the last value repeats). */
    private static final class FakeStep implements Runnable {
        private final long[] pages;
        private final AtomicLong faults = new AtomicLong();
        private final AtomicInteger runs = new AtomicInteger();

        FakeStep(long... pages) {
            this.pages = pages;
        }

        @Override
        public void run() {
            int i = runs.getAndIncrement();
            faults.addAndGet(pages[Math.min(i, pages.length - 1)]);
        }
    }

    @Test
    void goesOnUntilThreeStepsInARowTouchFewPages() {
        // a distillation update's start as measured (docs/performance-history.md, sixth round): the heap grows
        // on every other step until the tenth
        FakeStep step = new FakeStep(362_524, 60_271, 5_869, 553, 509, 5_259, 626, 5_691, 498, 5_296, 495, 497, 499,
                9_000);

        assertThat(WarmUp.run(2, step, step.faults::get)).isEqualTo(13);
        assertThat(step.runs).hasValue(13);
    }

    @Test
    void stopsAtTheRequestedStepsWhenMemoryHasSettled() {
        FakeStep step = new FakeStep(0);

        assertThat(WarmUp.run(3, step, step.faults::get)).isEqualTo(3);
    }

    @Test
    void addsAtMostTwelveSteps() {
        FakeStep step = new FakeStep(WarmUp.SETTLED_PAGES);

        assertThat(WarmUp.run(2, step, step.faults::get)).isEqualTo(2 + WarmUp.MAX_EXTRA_STEPS);
    }

    @Test
    void runsExactlyTheRequestedStepsWhereFaultsAreUnknown() {
        FakeStep step = new FakeStep(60_000);

        assertThat(WarmUp.run(1, step, () -> -1)).isEqualTo(1);
    }

    @Test
    void noWarmUpWhenNoneIsAskedFor() {
        FakeStep step = new FakeStep(60_000);

        assertThat(WarmUp.run(0, step, step.faults::get)).isZero();
        assertThat(step.runs).hasValue(0);
    }
}
