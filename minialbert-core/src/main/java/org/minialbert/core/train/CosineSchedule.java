package org.minialbert.core.train;

import org.minialbert.api.ConfigurationException;

/**
 * Linear warm-up, then cosine decay to 0 at {@code totalSteps} (HF
 * {@code get_cosine_schedule_with_warmup}, half a cycle): {@code peak · 0.5 (1 + cos(π p))} with p
 * the fraction of the post-warm-up steps done.
 */
public record CosineSchedule(float peak, long warmupSteps, long totalSteps) implements LearningRateSchedule {

    public CosineSchedule {
        if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1) {
            throw new ConfigurationException("invalid cosine schedule: lr " + peak + ", warm-up " + warmupSteps
                    + ", total " + totalSteps);
        }
    }

    @Override
    public float lr(long step) {
        if (step < warmupSteps) {
            return peak * step / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return (float) (peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
    }
}
