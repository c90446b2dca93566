package org.minialbert.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up runs until two steps in a row touch few new pages, within its bounds. */
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
    void goesOnUntilTwoStepsInARowTouchFewPages() {
        // a distillation update's start: the heap grows on every other step for a while
        FakeStep step = new FakeStep(60_000, 5_000, 500, 5_000, 500, 500, 9_000);

        assertThat(WarmUp.run(2, step, step.faults::get)).isEqualTo(6);
        assertThat(step.runs).hasValue(6);
    }

    @Test
    void stopsAtTheRequestedStepsWhenMemoryHasSettled() {
        FakeStep step = new FakeStep(0);

        assertThat(WarmUp.run(3, step, step.faults::get)).isEqualTo(3);
    }

    @Test
    void addsAtMostTenSteps() {
        FakeStep step = new FakeStep(WarmUp.SETTLED_PAGES);

        assertThat(WarmUp.run(2, step, step.faults::get)).isEqualTo(2 + WarmUp.MAX_EXTRA_STEPS);
    }

    @Test
    void runsExactlyTheRequestedStepsWhereFaultsAreUnknown() {
        FakeStep step = new FakeStep(60_000);

        assertThat(WarmUp.run(2, step, () -> -1)).isEqualTo(2);
    }

    @Test
    void noWarmUpWhenNoneIsAskedFor() {
        FakeStep step = new FakeStep(60_000);

        assertThat(WarmUp.run(0, step, step.faults::get)).isZero();
        assertThat(step.runs).hasValue(0);
    }
}
