package org.minialbert.core.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.util.Random;
import org.minialbert.core.data.Permutation;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.train.CosineSchedule;
import org.minialbert.core.train.LearningRateSchedule;
import org.minialbert.core.train.LinearSchedule;
import org.minialbert.core.train.ProgressBar;

/**
 * The fine-tuning loop both heads share: linear or cosine decay after the warm-up, each epoch in an
 * order drawn from the seed and the epoch, one {@link FineTuneStep} per batch, and a progress bar.
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
        FineTuneStep update = new FineTuneStep(model, s, log);
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
                int first = from;
                int to = Math.min(examples, from + s.batchSize());
                float value = update.run(step, schedule.lr(step), label, scope -> loss.compute(scope, order, first, to));
                progress.update(b + 1, String.format("loss %.4f", value));
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
