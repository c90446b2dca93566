package org.minialbert.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import org.minialbert.core.finetune.FineTuneJob;
import org.minialbert.core.finetune.NerGrid;
import org.minialbert.core.finetune.ResultsTable;
import org.minialbert.core.finetune.TaskResult;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minialbert glue}: fine-tune and evaluate a model on GLUE tasks with a grid of settings. */
@Command(name = "glue", mixinStandardHelpOptions = true, subcommands = GlueEvaluateCommand.class,
        description = {"Fine-tune a model on GLUE tasks (full or adapter tuning) over a grid of learning rates, batch "
                + "sizes and epochs, several seeded runs each; report dev metrics.",
            "Defaults follow the reference protocol: lr 5e-5, batch 16, 3 epochs, max length 128, weight decay 0.01, "
                    + "linear decay without warm-up, seed 42."})
final class GlueCommand implements Runnable {
    private final ModelLocator locator;
    private final ModelFactory factory;

    @Option(names = "--task", split = ",", paramLabel = "T",
            description = "tasks, comma-separated (cola, sst2, mrpc, stsb, qqp, mnli, qnli, rte, wnli) or all (required)")
    private List<String> tasks;

    @CommandLine.Mixin
    private GridOptions options = new GridOptions();

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    GlueCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    @Override
    public void run() {
        if (!options.complete() || tasks == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "glue needs --model, --task, --data and "
                    + "--output (or use: glue evaluate)");
        }
        FineTuneJob job = new FineTuneJob(options.model, tasks, options.data, options.grid(), options.saveModel,
                new NerGrid.Options(false, true), device.choice());
        List<TaskResult> results = job.run(locator, factory.catalog(), options.output, System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ResultsTable.markdown(options.model, results));
        out.println("results: " + options.output.resolve("results.md"));
    }
}
