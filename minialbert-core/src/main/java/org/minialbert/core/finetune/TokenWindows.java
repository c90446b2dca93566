package org.minialbert.core.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.TokenExample;
import org.minialbert.core.data.MlmMasking;
import org.minialbert.core.text.TextTokenizer;
import org.minialbert.core.text.TokenBatch;

/**
 * Tagged sentences as model windows: each sentence is cut into word pieces; a sentence longer than
 * {@code maxLength} pieces (with [CLS] and [SEP]) is split into several windows at word boundaries, so
 * no word is dropped and the windows reassemble the sentence. Labels: the first piece of each word
 * carries its word's tag (the default, words are scored), or every piece does (the reference's mode,
 * pieces are scored); other positions are -100.
 */
public final class TokenWindows {
    private final List<Window> windows = new ArrayList<>();
    private final boolean everyPiece;

    /** One window: its sentence, piece ids with [CLS]/[SEP], labels, and the word of each scored position. */
    public record Window(int sentence, long[] ids, long[] labels, int[] scoredWord) {
    }

    public TokenWindows(List<TokenExample> sentences, List<String> labels, TextTokenizer tokenizer, int maxLength,
            boolean everyPiece, long cls, long sep) {
        this.everyPiece = everyPiece;
        for (int s = 0; s < sentences.size(); s++) {
            cut(s, sentences.get(s), labels, tokenizer.wordPieces(sentences.get(s).words()), maxLength - 2, cls, sep);
        }
    }

    private void cut(int sentence, TokenExample example, List<String> labels, TextTokenizer.WordPieces pieces,
            int width, long cls, long sep) {
        int start = 0;
        while (start < pieces.ids().length) {
            int end = Math.min(pieces.ids().length, start + width);
            while (end < pieces.ids().length && end > start + 1 && pieces.wordIds()[end] == pieces.wordIds()[end - 1]) {
                end--;
            }
            windows.add(window(sentence, example, labels, pieces, start, end, cls, sep));
            start = end;
        }
    }

    private Window window(int sentence, TokenExample example, List<String> labels, TextTokenizer.WordPieces pieces,
            int start, int end, long cls, long sep) {
        int length = end - start + 2;
        long[] ids = new long[length];
        long[] target = new long[length];
        int[] word = new int[length];
        Arrays.fill(target, MlmMasking.IGNORED);
        Arrays.fill(word, -1);
        ids[0] = cls;
        ids[length - 1] = sep;
        for (int p = start; p < end; p++) {
            int w = (int) pieces.wordIds()[p];
            ids[p - start + 1] = pieces.ids()[p];
            boolean first = p == 0 || pieces.wordIds()[p - 1] != w;
            if (first || everyPiece) {
                target[p - start + 1] = labelIndex(labels, example.tags().get(w), sentence);
                word[p - start + 1] = w;
            }
        }
        return new Window(sentence, ids, target, word);
    }

    private static int labelIndex(List<String> labels, String tag, int sentence) {
        int index = labels.indexOf(tag);
        if (index < 0) {
            throw new DataFormatException("sentence " + sentence + " has the tag '" + tag + "', which the training "
                    + "split does not have; known tags: " + labels);
        }
        return index;
    }

    public List<Window> windows() {
        return windows;
    }

    /** Windows {@code order[from, to)} as a padded batch (token types 0). */
    public TokenBatch batch(int[] order, int from, int to) {
        List<long[]> ids = new ArrayList<>(to - from);
        List<long[]> types = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            long[] row = windows.get(order[i]).ids();
            ids.add(row);
            types.add(new long[row.length]);
        }
        return TokenBatch.padded(ids, types);
    }
}
