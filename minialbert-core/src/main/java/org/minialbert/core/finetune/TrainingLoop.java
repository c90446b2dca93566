package org.minialbert.core.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.util.Random;
import org.minialbert.core.data.Permutation;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.AdamWSettings;
import org.minialbert.core.train.CosineSchedule;
import org.minialbert.core.train.GradientClipping;
import org.minialbert.core.train.LearningRateSchedule;
import org.minialbert.core.train.LinearSchedule;
import org.minialbert.core.train.ProgressBar;

/**
 * The fine-tuning loop both heads share: AdamW over the run's trainable weights (decay on matrices
 * only), linear or cosine decay after the warm-up, each epoch in an order drawn from the seed and
 * the epoch, dropout seeded per update, global clipping, and a stop with a clear message if the
 * loss or the gradients stop being finite. Each batch runs in its own NDArray scope.
 */
final class TrainingLoop {
    private TrainingLoop() {
    }

    /** The loss of rows {@code order[from, to)} of the training data, computed in {@code scope}. */
    @FunctionalInterface
    interface BatchLoss {
        NDArray compute(NDManager scope, int[] order, int from, int to);
    }

    /** Trains {@code model} in place over {@code examples} items; returns the seconds spent. */
    static double run(EncoderModel model, int examples, FineTuneSettings s, boolean cosine, String label,
            PrintStream log, BatchLoss loss) {
        Engine engine = OfflineEngine.pytorch();
        AdamW optimizer = new AdamW(SentenceFineTuner.trainable(model, s.adapters()),
                new AdamWSettings(0.9f, 0.999f, 1e-8f, s.weightDecay()));
        long perEpoch = (examples + s.batchSize() - 1) / s.batchSize();
        long total = perEpoch * s.epochs();
        long warmup = (long) (s.warmupRatio() * total);
        LearningRateSchedule schedule = cosine ? new CosineSchedule(s.learningRate(), warmup, total)
                : new LinearSchedule(s.learningRate(), warmup, total);
        long started = System.nanoTime();
        long step = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            int[] order = Permutation.of(examples, new Random(s.seed() * 1_000_003L + epoch));
            ProgressBar progress = new ProgressBar(log, label + " epoch " + (epoch + 1) + "/" + s.epochs(), perEpoch, 0);
            for (int from = 0, b = 0; from < examples; from += s.batchSize(), b++, step++) {
                int to = Math.min(examples, from + s.batchSize());
                engine.setRandomSeed((int) (s.seed() * 31 + step));
                float value;
                try (NDManager scope = model.weights().manager().newSubManager();
                        GradientCollector collector = engine.newGradientCollector()) {
                    NDArray objective = loss.compute(scope, order, from, to);
                    collector.backward(objective);
                    value = objective.getFloat();
                }
                float norm = GradientClipping.clip(optimizer.weights(), s.maxGradNorm());
                Divergence.check(label, step, value, norm);
                optimizer.step(schedule.lr(step));
                progress.update(b + 1, String.format("loss %.4f", value));
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
