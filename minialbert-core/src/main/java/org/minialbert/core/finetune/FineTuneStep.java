package org.minialbert.core.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.AdamWSettings;
import org.minialbert.core.train.GradientClipping;

/**
 * One fine-tuning update: the loss of a batch computed in its own NDArray scope with dropout
 * seeded by the run's seed and the update's index, backward, global clipping, a stop with a clear
 * message if the loss or the gradients are not finite, and an AdamW step over the run's trainable
 * weights (decay on matrices only).
 */
public final class FineTuneStep {
    private final EncoderModel model;
    private final FineTuneSettings settings;
    private final AdamW optimizer;

    public FineTuneStep(EncoderModel model, FineTuneSettings settings) {
        this.model = model;
        this.settings = settings;
        this.optimizer = new AdamW(SentenceFineTuner.trainable(model, settings.adapters()),
                new AdamWSettings(0.9f, 0.999f, 1e-8f, settings.weightDecay()));
    }

    /** Runs update {@code step} (0-based) with learning rate {@code lr}; returns the batch's loss. */
    public float run(long step, float lr, String label, Function<NDManager, NDArray> loss) {
        Engine engine = OfflineEngine.pytorch();
        engine.setRandomSeed((int) (settings.seed() * 31 + step));
        float value;
        try (NDManager scope = model.weights().manager().newSubManager();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray objective = loss.apply(scope);
            collector.backward(objective);
            value = objective.getFloat();
        }
        float norm = GradientClipping.clip(optimizer.weights(), settings.maxGradNorm());
        Divergence.check(label, step, value, norm);
        optimizer.step(lr);
        return value;
    }
}
