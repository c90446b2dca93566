package org.minialbert.cli;

import jakarta.inject.Inject;
import java.util.List;
import org.minialbert.core.finetune.NerGrid;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minialbert glue}: fine-tune and evaluate a model on GLUE tasks with a grid of settings. */
@Command(name = "glue", mixinStandardHelpOptions = true, subcommands = GlueEvaluateCommand.class,
        description = {"Fine-tune a model on GLUE tasks (full or adapter tuning) over a grid of learning rates, batch "
                + "sizes and epochs, several seeded runs each; report dev metrics.",
            "Defaults follow the reference protocol: lr 5e-5, batch 16, 3 epochs, max length 128, weight decay 0.01, "
                    + "linear decay without warm-up, seed 42."})
final class GlueCommand extends GridCommand {
    @Option(names = "--task", split = ",", paramLabel = "T",
            description = "tasks, comma-separated (cola, sst2, mrpc, stsb, qqp, mnli, qnli, rte, wnli) or all (required)")
    private List<String> tasks;

    @Inject
    GlueCommand(ModelLocator locator, ModelFactory factory) {
        super(locator, factory);
    }

    @Override
    List<String> taskOption() {
        return tasks;
    }

    @Override
    NerGrid.Options nerOptions() {
        return new NerGrid.Options(false, true);
    }

    @Override
    String missingOptions() {
        return "glue needs --model, --task, --data and --output (or use: glue evaluate)";
    }
}
