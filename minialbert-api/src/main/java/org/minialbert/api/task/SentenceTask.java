package org.minialbert.api.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sentence-level task: classification over {@link #labels()} or regression (one output, no
 * labels), its data splits and its metrics.
 */
public interface SentenceTask {

    /** Short name, e.g. {@code rte}. */
    String name();

    /** Class names in label-index order; empty for a regression task. */
    List<String> labels();

    default boolean isRegression() {
        return labels().isEmpty();
    }

    /** The splits this task evaluates on, e.g. {@code dev} (MNLI: {@code dev_matched}, {@code dev_mismatched}). */
    List<String> evaluationSplits();

    /**
     * Reads {@code split} (e.g. {@code train}, {@code dev}) from the task's folder under {@code dataRoot}.
     *
     * @param skipBadRows report malformed rows by count instead of stopping at the first one
     * @throws org.minialbert.api.DataFormatException naming file:line for a malformed row, or a
     *     missing folder or file
     */
    List<SentenceExample> read(Path dataRoot, String split, boolean skipBadRows);

    /**
     * The task's metrics (as the HF GLUE metric defines them) for predictions (class indices, or
     * scores for regression) against gold labels, in the same order.
     */
    Map<String, Double> metrics(double[] predictions, double[] gold);

    /** The metric that stands for the task in a results table (e.g. {@code matthews_correlation} for CoLA). */
    String primaryMetric();
}
