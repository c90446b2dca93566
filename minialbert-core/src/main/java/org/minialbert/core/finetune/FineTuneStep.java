package org.minialbert.core.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.util.function.Function;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.AdamWSettings;
import org.minialbert.core.train.Divergence;
import org.minialbert.core.train.GradientClipping;

/**
 * One fine-tuning update: the loss of a batch computed in its own NDArray scope with dropout
 * seeded by the run's seed and the update's index, backward, global clipping, and an AdamW step over
 * the run's trainable weights (decay on matrices only).
 *
 * <p>If the loss or the gradients are not finite, the update is computed once more from scratch
 * (same batch, same dropout seed, same weights). A fault that does not come back is reported and
 * training goes on; one that does stops the run with {@link Divergence}, naming the weights whose
 * gradients are not finite, before the optimizer writes NaN into any weight.
 */
public final class FineTuneStep {
    private final EncoderModel model;
    private final FineTuneSettings settings;
    private final AdamW optimizer;
    private final PrintStream log;

    public FineTuneStep(EncoderModel model, FineTuneSettings settings, PrintStream log) {
        this.model = model;
        this.settings = settings;
        this.log = log;
        this.optimizer = new AdamW(SentenceFineTuner.trainable(model, settings.adapters()),
                new AdamWSettings(0.9f, 0.999f, 1e-8f, settings.weightDecay()));
    }

    /** Runs update {@code step} (0-based) with learning rate {@code lr}; returns the batch's loss. */
    public float run(long step, float lr, String label, Function<NDManager, NDArray> loss) {
        float value = backward(step, loss);
        float norm = GradientClipping.norm(optimizer.weights());
        if (!Divergence.finite(value, norm)) {
            String first = Divergence.symptoms(value, norm, optimizer.weights());
            optimizer.dropGradients();
            value = backward(step, loss);
            norm = GradientClipping.norm(optimizer.weights());
            Divergence.check(label, step, value, norm, optimizer.weights());
            log.printf("%s: update %d was not finite (%s); computed again with the same batch, seed and weights it "
                    + "is (loss %s, gradient norm %s), so training goes on%n", label, step + 1, first, value, norm);
        }
        optimizer.step(lr, GradientClipping.scale(norm, settings.maxGradNorm()));
        return value;
    }

    private float backward(long step, Function<NDManager, NDArray> loss) {
        Engine engine = OfflineEngine.pytorch();
        OfflineEngine.seed(settings.seed() * 31 + step);
        try (NDManager scope = model.weights().manager().newSubManager();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray objective = loss.apply(scope);
            collector.backward(objective);
            return objective.getFloat();
        }
    }
}
