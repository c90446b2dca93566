package org.minialbert.core.train;

import org.minialbert.api.ConfigurationException;

/**
 * Linear warm-up from 0 to the peak learning rate over {@code warmupSteps} updates, then linear decay
 * to 0 at {@code totalSteps} (HF {@code get_linear_schedule_with_warmup}). Step s (0-based) uses
 * {@code lr(s)}.
 */
public record LinearSchedule(float peak, long warmupSteps, long totalSteps) implements LearningRateSchedule {

    public LinearSchedule {
        if (!(peak > 0)) {
            throw new ConfigurationException("the learning rate must be positive, found " + peak);
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new ConfigurationException("warm-up steps must be >= 0 and total steps >= 1, found " + warmupSteps
                    + " and " + totalSteps);
        }
    }

    @Override
    public float lr(long step) {
        if (step < warmupSteps) {
            return peak * step / warmupSteps;
        }
        return peak * Math.max(0f, (float) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    }
}
