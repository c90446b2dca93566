package org.minialbert.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.finetune.FineTuneJob;
import org.minialbert.core.finetune.GridSpec;
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

    @Option(names = "--model", paramLabel = "M",
            description = "model directory, .onnx file or embedded model name (required)")
    private String model;

    @Option(names = "--task", split = ",", paramLabel = "T",
            description = "tasks, comma-separated (cola, sst2, mrpc, stsb, qqp, mnli, qnli, rte, wnli) or all")
    private List<String> tasks;

    @Option(names = "--data", paramLabel = "PATH", description = "the glue_data folder")
    private Path data;

    @Option(names = "--mode", defaultValue = "full", paramLabel = "full|adapters",
            description = "full fine-tuning, or adapters + head only (default: ${DEFAULT-VALUE})")
    private String mode;

    @Option(names = "--lr", split = ",", defaultValue = "5e-5", paramLabel = "LR", description = "learning rates")
    private List<Float> learningRates;

    @Option(names = "--batch", split = ",", defaultValue = "16", paramLabel = "B", description = "batch sizes")
    private List<Integer> batchSizes;

    @Option(names = "--epochs", split = ",", defaultValue = "3", paramLabel = "E", description = "epoch counts")
    private List<Integer> epochs;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R", description = "runs per configuration, seeds "
            + "seed, seed+1, ... (default: ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--seed", defaultValue = "42", description = "first run's seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--max-length", defaultValue = "128", description = "tokens per example (default: ${DEFAULT-VALUE})")
    private int maxLength;

    @Option(names = "--warmup-ratio", defaultValue = "0", description = "fraction of updates warming up (default: 0)")
    private float warmupRatio;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    private float weightDecay;

    @Option(names = "--save-model", description = "save each fine-tuned model in its run folder")
    private boolean saveModel;

    @Option(names = "--output", paramLabel = "DIR", description = "results folder")
    private Path output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    GlueCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    @Override
    public void run() {
        if (model == null || tasks == null || data == null || output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "glue needs --model, --task, --data and "
                    + "--output (or use: glue evaluate)");
        }
        if (!mode.equals("full") && !mode.equals("adapters")) {
            throw new ConfigurationException("--mode must be full or adapters, found '" + mode + "'");
        }
        GridSpec grid = new GridSpec(learningRates, batchSizes, epochs, runs, mode.equals("adapters"), warmupRatio,
                weightDecay, maxLength, seed);
        FineTuneJob job = new FineTuneJob(model, tasks, data, grid, saveModel);
        List<TaskResult> results = job.run(locator, factory.catalog().tasks(), output, System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ResultsTable.markdown(model, results));
        out.println("results: " + output.resolve("results.md"));
    }
}
