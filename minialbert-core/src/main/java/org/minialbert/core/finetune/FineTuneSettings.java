package org.minialbert.core.finetune;

import org.minialbert.api.ConfigurationException;

/**
 * One fine-tuning run's hyper-parameters. The reference GLUE protocol: full tuning, lr 5e-5, batch
 * 16, 3 epochs, max length 128, weight decay 0.01, linear decay without warm-up, clipping 1.0, seed 42.
 *
 * @param adapters adapter tuning: only adapters and the head are trained (fresh adapters are added
 *     to a model without any)
 * @param warmupRatio fraction of the updates spent warming up (0 = none)
 */
public record FineTuneSettings(boolean adapters, float learningRate, int batchSize, int epochs, float warmupRatio,
        float weightDecay, float maxGradNorm, int maxLength, long seed) {

    public FineTuneSettings {
        if (!(learningRate > 0) || batchSize < 1 || epochs < 1 || maxLength < 3 || warmupRatio < 0 || warmupRatio >= 1
                || weightDecay < 0 || maxGradNorm < 0) {
            throw new ConfigurationException("invalid fine-tuning settings: lr " + learningRate + ", batch " + batchSize
                    + ", epochs " + epochs + ", max-length " + maxLength + ", warm-up ratio " + warmupRatio
                    + ", weight decay " + weightDecay + ", clip " + maxGradNorm + " (lr > 0, batch >= 1, epochs >= 1, "
                    + "max-length >= 3, 0 <= warm-up ratio < 1)");
        }
    }

    /** The reference protocol with this learning rate, batch size, epoch count and seed. */
    public static FineTuneSettings reference(boolean adapters, float learningRate, int batchSize, int epochs, long seed) {
        return new FineTuneSettings(adapters, learningRate, batchSize, epochs, 0f, 0.01f, 1.0f, 128, seed);
    }

    public FineTuneSettings withSeed(long newSeed) {
        return new FineTuneSettings(adapters, learningRate, batchSize, epochs, warmupRatio, weightDecay, maxGradNorm,
                maxLength, newSeed);
    }
}
