package org.minialbert.api.task;

import java.util.List;

/**
 * One sentence of a token-level task: its words and their IOB tags (one per word).
 *
 * @param index the sentence's 0-based position in its file
 */
public record TokenExample(int index, List<String> words, List<String> tags) {

    public TokenExample {
        words = List.copyOf(words);
        tags = List.copyOf(tags);
        if (words.size() != tags.size()) {
            throw new IllegalArgumentException(words.size() + " words but " + tags.size() + " tags");
        }
    }
}
