package org.minialbert.cli;

import com.typesafe.config.ConfigFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.api.task.SentenceTaskProvider;
import org.minialbert.core.finetune.GridSpec;
import org.minialbert.core.finetune.ResultsTable;
import org.minialbert.core.finetune.TaskGrid;
import org.minialbert.core.finetune.TaskResult;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.plugin.PluginRegistry;
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

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "model directory, .onnx file or embedded model name")
    private String model;

    @Option(names = "--task", required = true, split = ",", paramLabel = "T",
            description = "tasks, comma-separated (cola, sst2, mrpc, stsb, qqp, mnli, qnli, rte, wnli) or all")
    private List<String> tasks;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "the glue_data folder")
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

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "results folder")
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
        if (!mode.equals("full") && !mode.equals("adapters")) {
            throw new ConfigurationException("--mode must be full or adapters, found '" + mode + "'");
        }
        GridSpec grid = new GridSpec(learningRates, batchSizes, epochs, runs, mode.equals("adapters"), warmupRatio,
                weightDecay, maxLength, seed);
        List<SentenceTask> selected = tasks(factory.catalog().tasks(), tasks);
        PrintWriter out = spec.commandLine().getOut();
        List<TaskResult> results = new ArrayList<>();
        TaskGrid runner = new TaskGrid(locator, System.err);
        for (SentenceTask task : selected) {
            results.add(runner.run(model, task, data, grid, output, saveModel));
            write(output.resolve("results.md"), ResultsTable.markdown(model, results));
        }
        out.print(ResultsTable.markdown(model, results));
        out.println("results: " + output.resolve("results.md"));
    }

    /** The tasks named on the command line ({@code all}: every installed task), each checked to exist. */
    static List<SentenceTask> tasks(PluginRegistry<SentenceTaskProvider> registry, List<String> names) {
        List<String> wanted = names.equals(List.of("all"))
                ? registry.all().stream().map(SentenceTaskProvider::name).toList() : names;
        List<SentenceTask> selected = new ArrayList<>();
        for (String name : wanted) {
            selected.add(registry.get(name.strip()).create(ConfigFactory.empty()));
        }
        return selected;
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
