package org.minialbert.tasks.glue;

import java.util.List;

/**
 * Everything that tells one GLUE task from another.
 *
 * @param name plugin name, e.g. {@code cola}
 * @param description one line for {@code minialbert plugins}
 * @param folder the task's folder in {@code glue_data}, e.g. {@code CoLA}
 * @param labels class names in the HF {@code glue} dataset's index order; empty for regression
 * @param labelValues how the file writes each class, in the same order (e.g. {@code 0}, {@code 1})
 * @param metrics the reported metrics, in report order
 * @param primary the metric that stands for the task (one of {@code metrics})
 * @param evaluationSplits the dev splits, e.g. {@code dev}
 */
record GlueTaskSpec(String name, String description, String folder, TsvLayout layout, List<String> labels,
        List<String> labelValues, List<GlueMetric> metrics, GlueMetric primary, List<String> evaluationSplits) {

    /** Regression scores (STS-B similarity) lie in this closed range. */
    static final double MIN_SCORE = 0.0;
    static final double MAX_SCORE = 5.0;

    GlueTaskSpec {
        labels = List.copyOf(labels);
        labelValues = List.copyOf(labelValues);
        metrics = List.copyOf(metrics);
        evaluationSplits = List.copyOf(evaluationSplits);
        if (labels.size() != labelValues.size() || !metrics.contains(primary) || evaluationSplits.isEmpty()) {
            throw new IllegalArgumentException("inconsistent GLUE task spec " + name);
        }
    }

    boolean isRegression() {
        return labels.isEmpty();
    }
}
