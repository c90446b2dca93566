package org.minialbert.cli;

import java.nio.file.Path;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.finetune.GridSpec;
import picocli.CommandLine.Option;

/** The options glue and ner share: the model, the grid, seeds and where results go. */
final class GridOptions {
    @Option(names = "--model", paramLabel = "M", description = "model directory, .onnx file or embedded model name (required)")
    String model;

    @Option(names = "--data", paramLabel = "PATH", description = "folder with the task data (required)")
    Path data;

    @Option(names = "--mode", defaultValue = "full", paramLabel = "full|adapters",
            description = "full fine-tuning, or adapters + head only (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--lr", split = ",", defaultValue = "5e-5", paramLabel = "LR", description = "learning rates")
    List<Float> learningRates;

    @Option(names = "--batch", split = ",", defaultValue = "16", paramLabel = "B", description = "batch sizes")
    List<Integer> batchSizes;

    @Option(names = "--epochs", split = ",", defaultValue = "3", paramLabel = "E", description = "epoch counts")
    List<Integer> epochs;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R",
            description = "runs per configuration, seeds seed, seed+1, ... (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "first run's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-length", defaultValue = "128", description = "tokens per example (default: ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--warmup-ratio", defaultValue = "0", description = "fraction of updates warming up (default: 0)")
    float warmupRatio;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--save-model", description = "save each fine-tuned model in its run folder")
    boolean saveModel;

    @Option(names = "--output", paramLabel = "DIR", description = "results folder (required)")
    Path output;

    /** Whether the options a training run needs are all given. */
    boolean complete() {
        return model != null && data != null && output != null;
    }

    GridSpec grid() {
        if (!mode.equals("full") && !mode.equals("adapters")) {
            throw new ConfigurationException("--mode must be full or adapters, found '" + mode + "'");
        }
        return new GridSpec(learningRates, batchSizes, epochs, runs, mode.equals("adapters"), warmupRatio, weightDecay,
                maxLength, seed);
    }
}
