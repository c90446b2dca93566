package org.minialbert.tasks.glue;

import java.util.List;

/**
 * Where a GLUE task's TSV file keeps its fields (0-based columns).
 *
 * @param header whether the first line names the columns; the data rows then have as many columns as it
 * @param columns the column count of a file without a header (0 when there is one)
 * @param first column of the (first) text
 * @param second column of the second text of a pair, or {@link #NONE}
 * @param label column of the gold label or score, or {@link #LAST} (MNLI: train and dev differ in width)
 * @param names the header's names of the text and label columns, in that order (empty without header)
 */
record TsvLayout(boolean header, int columns, int first, int second, int label, List<String> names) {
    static final int NONE = -1;
    static final int LAST = -1;

    TsvLayout {
        names = List.copyOf(names);
    }

    static TsvLayout withoutHeader(int columns, int first, int label) {
        return new TsvLayout(false, columns, first, NONE, label, List.of());
    }

    /** A single-text layout whose header names the text and label columns. */
    static TsvLayout withHeader(int first, int label, String firstName, String labelName) {
        return new TsvLayout(true, 0, first, NONE, label, List.of(firstName, labelName));
    }

    /** A text-pair layout whose header names both text columns and the label column. */
    static TsvLayout withHeader(int first, int second, int label, String firstName, String secondName,
            String labelName) {
        return new TsvLayout(true, 0, first, second, label, List.of(firstName, secondName, labelName));
    }

    /** Columns a row must at least have to hold every field. */
    int minimumColumns() {
        return 1 + Math.max(Math.max(first, second), label);
    }

    /** The label column of a row of {@code width} columns. */
    int labelColumn(int width) {
        return label == LAST ? width - 1 : label;
    }

    /** The used columns of a row of {@code width} columns, in the order of {@link #names()}. */
    List<Integer> usedColumns(int width) {
        return second == NONE ? List.of(first, labelColumn(width)) : List.of(first, second, labelColumn(width));
    }
}
