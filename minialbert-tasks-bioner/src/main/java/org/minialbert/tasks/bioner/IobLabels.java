package org.minialbert.tasks.bioner;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.TokenExample;

/**
 * IOB tags ({@code O}, {@code B-<type>}, {@code I-<type>}; the type is one or more characters with no
 * whitespace) and the label set built from them.
 *
 * <p>The label order is fixed, whatever order the tags appear in: {@code O} first, then for each
 * entity type, sorted by {@link String#compareTo} (so {@code Chemical < Disease < GENE}), its
 * {@code B-} tag then its {@code I-} tag. Every type seen in training gets both tags, even when one of
 * them never occurs. A tag outside this set at test or prediction time (a type never seen in
 * training) is the caller's error: {@link #labelIndex} reports it.
 */
public final class IobLabels {
    /** The tag of a word outside every entity. */
    public static final String OUTSIDE = "O";

    private IobLabels() {
    }

    /** The label set of {@code training} in the documented order; just {@code [O]} when it holds no entity. */
    public static List<String> of(List<TokenExample> training) {
        SortedSet<String> types = new TreeSet<>();
        for (TokenExample sentence : training) {
            for (String tag : sentence.tags()) {
                if (!isValid(tag)) {
                    throw new DataFormatException("tag '" + tag + "' in sentence " + sentence.index()
                            + " is not an IOB tag; expected O, B-<type> or I-<type>");
                }
                if (!tag.equals(OUTSIDE)) {
                    types.add(type(tag));
                }
            }
        }
        List<String> labels = new ArrayList<>(1 + 2 * types.size());
        labels.add(OUTSIDE);
        for (String type : types) {
            labels.add("B-" + type);
            labels.add("I-" + type);
        }
        return List.copyOf(labels);
    }

    /**
     * The index of {@code tag} in {@code labels}.
     *
     * @throws DataFormatException naming the tag and the known labels when {@code labels} lacks it
     *     (e.g. an entity type that the training split never had)
     */
    public static int labelIndex(List<String> labels, String tag) {
        int index = labels.indexOf(tag);
        if (index < 0) {
            throw new DataFormatException("tag '" + tag + "' is not in the label set " + labels
                    + "; expected one of the labels built from the training split");
        }
        return index;
    }

    /** Whether {@code tag} is {@code O}, {@code B-<type>} or {@code I-<type>}. */
    static boolean isValid(String tag) {
        if (tag.equals(OUTSIDE)) {
            return true;
        }
        if (tag.length() < 3 || (tag.charAt(0) != 'B' && tag.charAt(0) != 'I') || tag.charAt(1) != '-') {
            return false;
        }
        return tag.codePoints().noneMatch(Character::isWhitespace);
    }

    /** The entity type of a valid {@code B-}/{@code I-} tag, e.g. {@code Disease}. */
    static String type(String tag) {
        return tag.substring(2);
    }
}
