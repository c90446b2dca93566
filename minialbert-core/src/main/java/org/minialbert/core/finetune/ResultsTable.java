package org.minialbert.core.finetune;

import java.util.List;
import java.util.Locale;

/**
 * Markdown tables of fine-tuning results: per task the best configuration's mean ± std over runs of
 * the task's primary metric (× 100, as the paper reports), the average over tasks (the paper's
 * average), then every configuration.
 */
public final class ResultsTable {
    private ResultsTable() {
    }

    public static String markdown(String model, List<TaskResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("# Fine-tuning results: ").append(model).append("\n\n");
        md.append("| task | metric | split | mean ± std (best configuration) | runs | lr | batch | epochs | time (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        double sum = 0;
        for (TaskResult r : results) {
            FineTuneSettings best = r.best();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f ± %.2f | %d | %s | %d | %d | %.0f |%n",
                    r.task(), r.metric(), r.reportedSplit(), 100 * r.mean(best), 100 * r.std(best),
                    r.reported().get(best).size(), best.learningRate(),
                    best.batchSize(), best.epochs(), r.seconds()));
            sum += 100 * r.mean(best);
        }
        md.append(String.format(Locale.ROOT, "| **average** | | | %.2f | | | | | |%n", sum / results.size()));
        md.append("\nEvery configuration (mean ± std of the primary metric × 100 over runs, on the reported split; "
                + "the best configuration is chosen on the selection split):\n\n");
        md.append("| task | lr | batch | epochs | mean ± std | scores |\n|---|---|---|---|---|---|\n");
        for (TaskResult r : results) {
            for (FineTuneSettings s : r.reported().keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f ± %.2f | %s |%n", r.task(),
                        s.learningRate(), s.batchSize(), s.epochs(), 100 * r.mean(s), 100 * r.std(s),
                        r.reported().get(s).stream().map(v -> String.format(Locale.ROOT, "%.2f", 100 * v)).toList()));
            }
        }
        return md.toString();
    }
}
