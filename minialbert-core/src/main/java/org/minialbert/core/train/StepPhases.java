package org.minialbert.core.train;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the wall time of training steps goes, phase by phase. A phase is closed with
 * {@link #lap(Phase)}, which charges the time since the previous lap to it. On the CPU the engine
 * runs every operation before returning, so laps measure the work itself; on a GPU they would
 * measure only the launches.
 */
public final class StepPhases {
    /** The phases of a training step, in the order they run. */
    public enum Phase {
        /** sampling and masking the batch, building input tensors */
        DATA,
        /** the frozen teacher's forward pass */
        TEACHER,
        /** the student's (or fine-tuned model's) forward pass */
        STUDENT,
        /** the loss terms, head projections included */
        LOSS,
        /** the backward pass */
        BACKWARD,
        /** clipping and the optimizer update */
        OPTIMIZER
    }

    private final Map<Phase, Long> nanos = new EnumMap<>(Phase.class);
    private long mark = System.nanoTime();

    /** Starts timing the next phase from now. */
    public void restart() {
        mark = System.nanoTime();
    }

    /** Charges the time since the last lap (or restart) to {@code phase}. */
    public void lap(Phase phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - mark, Long::sum);
        mark = now;
    }

    /** Seconds per phase, in phase order, phases that never ran left out. */
    public Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanos.forEach((phase, value) -> seconds.put(phase.name().toLowerCase(Locale.ROOT), value / 1e9));
        return seconds;
    }

    /** Adds another record's times to this one. */
    public void addAll(StepPhases other) {
        other.nanos.forEach((phase, value) -> nanos.merge(phase, value, Long::sum));
    }
}
