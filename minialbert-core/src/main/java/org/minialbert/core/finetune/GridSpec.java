package org.minialbert.core.finetune;

import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.ConfigurationException;

/**
 * A fine-tuning grid: every learning rate × batch size × epoch count, each trained {@code runs}
 * times with seeds {@code seed, seed + 1, ...} (the reference reused one seed for every run; here
 * each run has its own). The best configuration is the one with the best mean dev score.
 */
public record GridSpec(List<Float> learningRates, List<Integer> batchSizes, List<Integer> epochs, int runs,
        boolean adapters, float warmupRatio, float weightDecay, int maxLength, long seed) {

    public GridSpec {
        if (learningRates.isEmpty() || batchSizes.isEmpty() || epochs.isEmpty() || runs < 1) {
            throw new ConfigurationException("a fine-tuning grid needs at least one learning rate, batch size and "
                    + "epoch count, and runs >= 1");
        }
        learningRates = List.copyOf(learningRates);
        batchSizes = List.copyOf(batchSizes);
        epochs = List.copyOf(epochs);
    }

    /** Every configuration of the grid, with the first run's seed. */
    public List<FineTuneSettings> configurations() {
        List<FineTuneSettings> all = new ArrayList<>();
        for (float lr : learningRates) {
            for (int batch : batchSizes) {
                for (int epochCount : epochs) {
                    all.add(new FineTuneSettings(adapters, lr, batch, epochCount, warmupRatio, weightDecay, 1.0f,
                            maxLength, seed));
                }
            }
        }
        return all;
    }
}
