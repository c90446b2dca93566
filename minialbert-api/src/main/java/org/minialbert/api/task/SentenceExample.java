package org.minialbert.api.task;

/**
 * One example of a sentence-level task: a text or a text pair, and its gold label: the class index
 * (classification) or the score (regression); {@code NaN} when the split has no labels (a test set).
 *
 * @param index the example's 0-based position among the data rows of its file
 * @param second the second text of a pair, or null for single-sentence tasks
 */
public record SentenceExample(int index, String first, String second, double label) {

    public boolean isPair() {
        return second != null;
    }
}
