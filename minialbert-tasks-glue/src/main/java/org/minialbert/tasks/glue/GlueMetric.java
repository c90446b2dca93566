package org.minialbert.tasks.glue;

import java.util.Arrays;

/** One metric of the HF {@code glue} metric, by the key it reports, computed with {@link GlueMetrics}. */
enum GlueMetric {
    MATTHEWS("matthews_correlation"),
    ACCURACY("accuracy"),
    F1("f1"),
    PEARSON("pearson"),
    SPEARMAN("spearmanr");

    private final String key;

    GlueMetric(String key) {
        this.key = key;
    }

    /** The key in the result map, as the HF {@code glue} metric names it. */
    String key() {
        return key;
    }

    /** The metric of {@code predicted} against {@code gold}; class metrics read both as class indices. */
    double compute(double[] predicted, double[] gold) {
        return switch (this) {
            case MATTHEWS -> GlueMetrics.matthews(classes(predicted), classes(gold));
            case ACCURACY -> GlueMetrics.accuracy(classes(predicted), classes(gold));
            case F1 -> GlueMetrics.f1(classes(predicted), classes(gold));
            case PEARSON -> GlueMetrics.pearson(predicted, gold);
            case SPEARMAN -> GlueMetrics.spearman(predicted, gold);
        };
    }

    private static int[] classes(double[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }
}
