package org.minialbert.core.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.task.TokenExample;
import org.minialbert.core.data.MlmMasking;
import org.minialbert.core.data.Permutation;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.text.TokenBatch;
import org.minialbert.core.train.CrossEntropy;

/**
 * Trains a token-classification model on {@link TokenWindows} (cross-entropy over the labelled
 * positions) and turns its predictions back into one tag sequence per sentence: one tag per word
 * (first-piece labelling) or per word piece (every-piece labelling, the reference's scoring).
 */
public final class TokenFineTuner {
    private static final int EVAL_BATCH = 64;

    private TokenFineTuner() {
    }

    /** Gold and predicted tag sequences of the scored units of every sentence, and each unit's word. */
    public record Tagged(List<List<String>> gold, List<List<String>> predicted, List<List<Integer>> words) {
    }

    /** Trains in place; {@code cosine} selects the reference's cosine decay, else linear. Returns seconds. */
    public static double train(EncoderModel model, TokenWindows data, FineTuneSettings s, boolean cosine,
            String label, PrintStream log) {
        return TrainingLoop.run(model, data.windows().size(), s, cosine, label, log, (scope, order, from, to) -> {
            TokenBatch batch = data.batch(order, from, to);
            long[][] positions = labelledPositions(data, order, from, to, batch.length());
            NDArray logits = model.logits(batch.slice(0, batch.rows(), scope), ForwardContext.TRAIN);
            NDArray rows = logits.reshape(-1, logits.getShape().get(2)).get(scope.create(positions[0]));
            return CrossEntropy.mean(rows, scope.create(positions[1]));
        });
    }

    /** Flat (row * length + position) indices of the labelled positions, and their labels. */
    private static long[][] labelledPositions(TokenWindows data, int[] order, int from, int to, int length) {
        List<long[]> found = new ArrayList<>();
        for (int r = from; r < to; r++) {
            long[] labels = data.windows().get(order[r]).labels();
            for (int p = 0; p < labels.length; p++) {
                if (labels[p] != MlmMasking.IGNORED) {
                    found.add(new long[] {(long) (r - from) * length + p, labels[p]});
                }
            }
        }
        return new long[][] {found.stream().mapToLong(f -> f[0]).toArray(), found.stream().mapToLong(f -> f[1]).toArray()};
    }

    /** The tags of every sentence's scored units, gold and predicted, in sentence order. */
    public static Tagged predict(EncoderModel model, TokenWindows data, List<TokenExample> sentences,
            List<String> labels) {
        List<List<String>> gold = new ArrayList<>();
        List<List<String>> predicted = new ArrayList<>();
        List<List<Integer>> words = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            gold.add(new ArrayList<>());
            predicted.add(new ArrayList<>());
            words.add(new ArrayList<>());
        }
        int n = data.windows().size();
        int[] order = Permutation.of(n, null);
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            try (NDManager scope = model.weights().manager().newSubManager()) {
                TokenBatch batch = data.batch(order, from, to);
                NDArray best = model.logits(batch.slice(0, batch.rows(), scope), ForwardContext.EVAL).argMax(-1);
                long[] classes = best.toLongArray();
                for (int r = from; r < to; r++) {
                    TokenWindows.Window window = data.windows().get(r);
                    for (int p = 0; p < window.scoredWord().length; p++) {
                        int word = window.scoredWord()[p];
                        if (word >= 0) {
                            gold.get(window.sentence()).add(sentences.get(window.sentence()).tags().get(word));
                            predicted.get(window.sentence()).add(labels.get((int) classes[(r - from) * batch.length() + p]));
                            words.get(window.sentence()).add(word);
                        }
                    }
                }
            }
        }
        return new Tagged(gold, predicted, words);
    }
}
