package org.minialbert.core.finetune;

import java.util.List;
import java.util.Map;

/**
 * What one task's grid produced: per configuration, the runs' primary scores on the split that selects
 * the best configuration (dev for GLUE, devel for NER) and on the split reported for it (dev again
 * for GLUE, test for NER); the best configuration by mean selection score; and the time it took.
 */
public record TaskResult(String task, String metric, String reportedSplit, Map<FineTuneSettings, List<Double>> scores,
        Map<FineTuneSettings, List<Double>> reported, FineTuneSettings best, double seconds) {

    /** Picks the configuration with the best mean selection score. */
    static TaskResult of(String task, String metric, String reportedSplit, Map<FineTuneSettings, List<Double>> scores,
            Map<FineTuneSettings, List<Double>> reported, double seconds) {
        FineTuneSettings best = scores.keySet().stream()
                .max((a, b) -> Double.compare(average(scores.get(a)), average(scores.get(b)))).orElseThrow();
        return new TaskResult(task, metric, reportedSplit, scores, reported, best, seconds);
    }

    private static double average(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Mean reported score of a configuration. */
    public double mean(FineTuneSettings settings) {
        return average(reported.get(settings));
    }

    /** Sample standard deviation of the reported scores over runs (0 for a single run). */
    public double std(FineTuneSettings settings) {
        List<Double> values = reported.get(settings);
        if (values.size() < 2) {
            return 0;
        }
        double mean = mean(settings);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1));
    }
}
