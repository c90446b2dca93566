package org.minialbert.core.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.core.data.Permutation;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.text.TokenBatch;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.AdamWSettings;
import org.minialbert.core.train.CrossEntropy;
import org.minialbert.core.train.GradientClipping;
import org.minialbert.core.train.LinearSchedule;
import org.minialbert.core.train.ProgressBar;

/**
 * Trains a model with a sequence head on a task's training split and scores it on an evaluation
 * split: cross-entropy for classification, mean squared error for regression (one output); AdamW
 * with decay on matrices only, linear schedule, global clipping; each epoch visits the examples in
 * an order drawn from the seed and the epoch. In adapter tuning only adaptation and head weights
 * are trained; the rest stays frozen and builds no gradient graph.
 */
public final class SentenceFineTuner {
    private static final int EVAL_BATCH = 64;

    private SentenceFineTuner() {
    }

    /** The weights a run trains. */
    public static List<Weight> trainable(EncoderModel model, boolean adapters) {
        return model.weights().all().stream()
                .filter(w -> !adapters || w.group() == WeightGroup.ADAPTATION || w.group() == WeightGroup.HEAD).toList();
    }

    /** Trains {@code model} in place; returns the seconds spent. */
    public static double train(EncoderModel model, SentenceTask task, EncodedExamples data, FineTuneSettings s,
            String label, PrintStream log) {
        Engine engine = OfflineEngine.pytorch();
        AdamW optimizer = new AdamW(trainable(model, s.adapters()),
                new AdamWSettings(0.9f, 0.999f, 1e-8f, s.weightDecay()));
        long perEpoch = (data.size() + s.batchSize() - 1) / s.batchSize();
        long total = perEpoch * s.epochs();
        LinearSchedule schedule = new LinearSchedule(s.learningRate(), (long) (s.warmupRatio() * total), total);
        NDManager manager = model.weights().manager();
        long started = System.nanoTime();
        long step = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            int[] order = Permutation.of(data.size(), new Random(s.seed() * 1_000_003L + epoch));
            ProgressBar progress = new ProgressBar(log, label + " epoch " + (epoch + 1) + "/" + s.epochs(), perEpoch, 0);
            for (int from = 0, b = 0; from < data.size(); from += s.batchSize(), b++, step++) {
                int to = Math.min(data.size(), from + s.batchSize());
                float loss;
                engine.setRandomSeed((int) (s.seed() * 31 + step));
                try (NDManager scope = manager.newSubManager()) {
                    TokenBatch batch = data.batch(order, from, to);
                    NDArray gold = labels(scope, data, order, from, to, task.isRegression());
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray logits = model.forward(batch.slice(0, batch.rows(), scope), ForwardContext.TRAIN).logits();
                        NDArray objective = task.isRegression()
                                ? logits.reshape(-1).sub(gold).square().mean() : CrossEntropy.mean(logits, gold);
                        collector.backward(objective);
                        loss = objective.getFloat();
                    }
                }
                float norm = GradientClipping.clip(optimizer.weights(), s.maxGradNorm());
                Divergence.check(label, step, loss, norm);
                optimizer.step(schedule.lr(step));
                progress.update(b + 1, String.format("loss %.4f", loss));
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Predictions for every example, in order: class indices, or scores for regression. */
    public static double[] predict(EncoderModel model, SentenceTask task, EncodedExamples data) {
        int[] order = Permutation.of(data.size(), null);
        double[] predictions = new double[data.size()];
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            int to = Math.min(data.size(), from + EVAL_BATCH);
            try (NDManager scope = model.weights().manager().newSubManager()) {
                TokenBatch batch = data.batch(order, from, to);
                NDArray logits = model.forward(batch.slice(0, batch.rows(), scope), ForwardContext.EVAL).logits();
                float[] values = task.isRegression() ? logits.reshape(-1).toFloatArray()
                        : logits.argMax(-1).toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    predictions[from + i] = values[i];
                }
            }
        }
        return predictions;
    }

    /** The task's metrics for {@code predictions} against the split's labels. */
    public static Map<String, Double> score(SentenceTask task, EncodedExamples data, double[] predictions) {
        return task.metrics(predictions, data.labels());
    }

    private static NDArray labels(NDManager scope, EncodedExamples data, int[] order, int from, int to,
            boolean regression) {
        if (regression) {
            float[] scores = new float[to - from];
            for (int i = from; i < to; i++) {
                scores[i - from] = (float) data.labels()[order[i]];
            }
            return scope.create(scores);
        }
        long[] classes = new long[to - from];
        for (int i = from; i < to; i++) {
            classes[i - from] = (long) data.labels()[order[i]];
        }
        return scope.create(classes);
    }
}
