package org.minialbert.core.finetune;

import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.task.SentenceExample;
import org.minialbert.core.text.TextTokenizer;
import org.minialbert.core.text.TokenBatch;

/**
 * A split tokenised once: every example's token ids and types (pairs truncated longest-first to the
 * maximum length), its gold label and its index; batches are padded to their longest row.
 */
public record EncodedExamples(List<TextTokenizer.Encoded> rows, double[] labels, int[] indices) {

    public static EncodedExamples of(List<SentenceExample> examples, TextTokenizer tokenizer) {
        List<String> first = new ArrayList<>(examples.size());
        List<String> second = examples.get(0).isPair() ? new ArrayList<>(examples.size()) : null;
        double[] labels = new double[examples.size()];
        int[] indices = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            SentenceExample example = examples.get(i);
            first.add(example.first());
            if (second != null) {
                second.add(example.second());
            }
            labels[i] = example.label();
            indices[i] = example.index();
        }
        return new EncodedExamples(tokenizer.encode(first, second), labels, indices);
    }

    public int size() {
        return rows.size();
    }

    /** The rows {@code order[from, to)} as a padded batch. */
    public TokenBatch batch(int[] order, int from, int to) {
        List<long[]> ids = new ArrayList<>(to - from);
        List<long[]> types = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ids.add(rows.get(order[i]).ids());
            types.add(rows.get(order[i]).typeIds());
        }
        return TokenBatch.padded(ids, types);
    }
}
