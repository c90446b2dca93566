package org.minialbert.core.train;

/** The learning rate of update {@code step} (0-based). */
public interface LearningRateSchedule {

    float lr(long step);
}
