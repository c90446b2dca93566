package org.minialbert.core.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.core.data.Permutation;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.text.TokenBatch;
import org.minialbert.core.train.CrossEntropy;

/**
 * Trains a model with a sequence head on a task's training split (cross-entropy for
 * classification, mean squared error for regression with one output; the loop is
 * {@link TrainingLoop}) and scores it on an evaluation split. In adapter tuning only adaptation and
 * head weights are trained; the rest stays frozen and builds no gradient graph.
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

    /** Trains {@code model} in place (linear decay after the warm-up); returns the seconds spent. */
    public static double train(EncoderModel model, SentenceTask task, EncodedExamples data, FineTuneSettings s,
            String label, PrintStream log) {
        return TrainingLoop.run(model, data.size(), s, false, label, log, (scope, order, from, to) -> {
            TokenBatch batch = data.batch(order, from, to);
            NDArray gold = labels(scope, data, order, from, to, task.isRegression());
            return loss(model, batch.slice(0, batch.rows(), scope), gold, task.isRegression());
        });
    }

    /**
     * The training loss of a batch with dropout active: mean squared error against {@code gold}
     * scores for regression, else cross-entropy against {@code gold} class indices.
     */
    public static NDArray loss(EncoderModel model, EncoderInputs inputs, NDArray gold, boolean regression) {
        NDArray logits = model.logits(inputs, ForwardContext.TRAIN);
        return regression ? logits.reshape(-1).sub(gold).square().mean() : CrossEntropy.mean(logits, gold);
    }

    /** Predictions for every example, in order: class indices, or scores for regression. */
    public static double[] predict(EncoderModel model, SentenceTask task, EncodedExamples data) {
        int[] order = Permutation.of(data.size(), null);
        double[] predictions = new double[data.size()];
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            int to = Math.min(data.size(), from + EVAL_BATCH);
            try (NDManager scope = model.weights().manager().newSubManager()) {
                TokenBatch batch = data.batch(order, from, to);
                NDArray logits = model.logits(batch.slice(0, batch.rows(), scope), ForwardContext.EVAL);
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
