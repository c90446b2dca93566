package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.ParallelRanges;

class ParallelRangesTest {

    @Test
    void everyElementIsVisitedExactlyOnce() {
        for (long total : new long[] {0, 1, 7, 1000, 100_003}) {
            AtomicIntegerArray visits = new AtomicIntegerArray((int) total);
            ParallelRanges.run(total, 10, (from, to) -> {
                for (long i = from; i < to; i++) {
                    visits.incrementAndGet((int) i);
                }
            });
            for (int i = 0; i < total; i++) {
                assertThat(visits.get(i)).as("element %d of %d", i, total).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailingRangeFailsTheRun() {
        assertThatThrownBy(() -> ParallelRanges.run(1000, 1, (from, to) -> {
            if (to == 1000) {
                throw new IllegalArgumentException("last range");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("last range");
    }
}
