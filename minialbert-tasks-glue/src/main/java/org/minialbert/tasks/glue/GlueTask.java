package org.minialbert.tasks.glue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minialbert.api.task.SentenceExample;
import org.minialbert.api.task.SentenceTask;

/** A GLUE task made from its {@link GlueTaskSpec}: the shared reader and metrics for all nine. */
final class GlueTask implements SentenceTask {
    private final GlueTaskSpec spec;

    GlueTask(GlueTaskSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public List<String> labels() {
        return spec.labels();
    }

    @Override
    public List<String> evaluationSplits() {
        return spec.evaluationSplits();
    }

    /** Reads a labelled split; with {@code skipBadRows}, one line on standard error counts what was left out. */
    @Override
    public List<SentenceExample> read(Path dataRoot, String split, boolean skipBadRows) {
        GlueTsvReader.Result result = new GlueTsvReader(spec).read(dataRoot, split, skipBadRows);
        if (result.skipped() > 0) {
            System.err.println("skipped " + result.skipped() + " malformed rows in " + result.file() + " (first: "
                    + result.firstProblem() + ")");
        }
        return result.examples();
    }

    /**
     * The task's metrics in report order. Classification predictions and gold labels must be class
     * indices of {@link #labels()}; regression values must be finite ({@link IllegalArgumentException}).
     */
    @Override
    public Map<String, Double> metrics(double[] predictions, double[] gold) {
        if (!spec.isRegression()) {
            checkClasses("prediction", predictions);
            checkClasses("gold label", gold);
        }
        Map<String, Double> results = new LinkedHashMap<>();
        for (GlueMetric metric : spec.metrics()) {
            results.put(metric.key(), metric.compute(predictions, gold));
        }
        return Collections.unmodifiableMap(results);
    }

    @Override
    public String primaryMetric() {
        return spec.primary().key();
    }

    private void checkClasses(String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= spec.labels().size()) {
                throw new IllegalArgumentException(what + " " + v + " at position " + i + " is not a class index of "
                        + spec.name() + "; expected an integer from 0 to " + (spec.labels().size() - 1));
            }
        }
    }

    @Override
    public String toString() {
        return "GlueTask[" + spec.name() + "]";
    }
}
