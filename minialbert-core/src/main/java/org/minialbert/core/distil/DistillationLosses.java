package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.Map;

/**
 * The loss terms of one distillation step by name (the names of the golden files): {@link #MLM},
 * {@link #ATTENTION} and {@code loss.attention.{i}}, {@link #HIDDEN} and {@code loss.hidden.{i}},
 * {@link #OUTPUT}, {@link #EMBEDDING} and {@link #TOTAL}; each a scalar array, the total carrying the
 * student's gradient graph.
 */
public record DistillationLosses(Map<String, NDArray> terms) {
    public static final String MLM = "loss.mlm";
    public static final String ATTENTION = "loss.attention";
    public static final String HIDDEN = "loss.hidden";
    public static final String OUTPUT = "loss.output";
    public static final String EMBEDDING = "loss.embedding";
    public static final String TOTAL = "loss.total";

    public DistillationLosses {
        terms = Collections.unmodifiableMap(terms);
    }

    /** {@code loss.attention.{i}} / {@code loss.hidden.{i}}. */
    public static String perPair(String term, int pair) {
        return term + "." + pair;
    }

    public NDArray total() {
        return terms.get(TOTAL);
    }

    /** The term's value, or NaN when it was not computed. */
    public float value(String name) {
        NDArray term = terms.get(name);
        return term == null ? Float.NaN : term.getFloat();
    }
}
