package org.minialbert.core.data;

import java.util.Locale;
import java.util.Set;

/**
 * A cheap test for English prose, used to pick the English part of the multilingual Europarl lines:
 * at least a fifth of the words must be common English function words, and at least 97% of the
 * letters plain ASCII (the other Europarl languages have accents or other scripts, and their own
 * function words).
 */
public final class EnglishFilter {
    private static final Set<String> FUNCTION_WORDS = Set.of("the", "of", "and", "to", "in", "is", "that", "for",
            "it", "on", "with", "as", "be", "this", "are", "we", "by", "not", "have", "which", "at", "an", "was",
            "has", "will", "from", "or", "their", "would", "should");
    private static final double MIN_FUNCTION_WORDS = 0.2;
    private static final double MIN_ASCII_LETTERS = 0.97;

    private EnglishFilter() {
    }

    public static boolean isEnglish(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
        int total = 0;
        int function = 0;
        for (String word : words) {
            if (!word.isEmpty()) {
                total++;
                function += FUNCTION_WORDS.contains(word) ? 1 : 0;
            }
        }
        return total >= 5 && function >= MIN_FUNCTION_WORDS * total && asciiLetterShare(text) >= MIN_ASCII_LETTERS;
    }

    private static double asciiLetterShare(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        long ascii = text.codePoints().filter(c -> c < 128 && Character.isLetter(c)).count();
        return letters == 0 ? 0 : (double) ascii / letters;
    }
}
