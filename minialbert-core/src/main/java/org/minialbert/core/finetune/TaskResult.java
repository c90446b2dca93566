package org.minialbert.core.finetune;

import java.util.List;
import java.util.Map;

/**
 * What one task's grid produced: per configuration, the runs' primary dev scores; the best
 * configuration by mean score; and the time it all took.
 */
public record TaskResult(String task, String metric, Map<FineTuneSettings, List<Double>> scores,
        FineTuneSettings best, double seconds) {

    public double mean(FineTuneSettings settings) {
        return scores.get(settings).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample standard deviation over runs (0 for a single run). */
    public double std(FineTuneSettings settings) {
        List<Double> values = scores.get(settings);
        if (values.size() < 2) {
            return 0;
        }
        double mean = mean(settings);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1));
    }
}
