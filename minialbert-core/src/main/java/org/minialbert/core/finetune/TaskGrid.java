package org.minialbert.core.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.model.ParameterCounts;
import org.minialbert.core.text.TextTokenizer;

/**
 * Runs one task's grid for one model: the splits are read and tokenised once, then every
 * configuration and run starts from the model's own weights with a fresh head. Each run writes, in
 * its own folder, the dev predictions (TSV: index, prediction, gold), {@code metrics.json} and its
 * settings, and, if asked, the fine-tuned model; nothing is half-written (atomic files).
 */
public final class TaskGrid {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ModelLocator locator;
    private final Device device;
    private final PrintStream log;

    /** A runner whose runs train and evaluate on {@code device}. */
    public TaskGrid(ModelLocator locator, Device device, PrintStream log) {
        this.locator = locator;
        this.device = device;
        this.log = log;
    }

    public TaskResult run(String model, SentenceTask task, Path dataRoot, GridSpec grid, Path outDir, boolean saveModels) {
        Path tokenizerFile = GridRuns.tokenizer(locator, model);
        EncodedExamples train;
        Map<String, EncodedExamples> evaluation = new LinkedHashMap<>();
        try (TextTokenizer tokenizer = TextTokenizer.open(tokenizerFile, grid.maxLength())) {
            train = EncodedExamples.of(task.read(dataRoot, "train", false), tokenizer);
            for (String split : task.evaluationSplits()) {
                evaluation.put(split, EncodedExamples.of(task.read(dataRoot, split, false), tokenizer));
            }
        }
        long started = System.nanoTime();
        Map<FineTuneSettings, List<Double>> scores = new LinkedHashMap<>();
        for (FineTuneSettings configuration : grid.configurations()) {
            List<Double> runs = new java.util.ArrayList<>();
            for (int r = 0; r < grid.runs(); r++) {
                FineTuneSettings settings = configuration.withSeed(grid.seed() + r);
                Path runDir = outDir.resolve(task.name()).resolve(name(settings, r));
                runs.add(runOnce(model, task, train, evaluation, settings, runDir, saveModels, tokenizerFile));
            }
            scores.put(configuration, runs);
        }
        return TaskResult.of(task.name(), task.primaryMetric(), task.evaluationSplits().get(0), scores, scores,
                (System.nanoTime() - started) / 1e9);
    }

    static String name(FineTuneSettings s, int run) {
        return String.format(Locale.ROOT, "lr%s-bs%d-ep%d-run%d", s.learningRate(), s.batchSize(), s.epochs(), run);
    }

    private double runOnce(String model, SentenceTask task, EncodedExamples train,
            Map<String, EncodedExamples> evaluation, FineTuneSettings settings, Path runDir, boolean saveModel,
            Path tokenizerFile) {
        HeadKind head = HeadKind.SEQUENCE_CLASSIFICATION;
        try (NDManager manager = OfflineEngine.newManager(device)) {
            OfflineEngine.seed(settings.seed());
            try (LoadedModel loaded = locator.loadForTask(model, head, task.labels(), settings.adapters(), manager)) {
                long trainable = GridRuns.trainableParameters(loaded.model(), settings.adapters());
                log.printf("%s %s: %,d trainable parameters of %,d%n", task.name(), name(settings, 0).replaceAll(
                        "-run0$", "") + " seed " + settings.seed(), trainable,
                        ParameterCounts.of(loaded.model().weights()).total());
                double seconds = SentenceFineTuner.train(loaded.model(), task, train, settings, task.name(), log);
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("task", task.name());
                report.put("model", model);
                report.put("settings", settings);
                report.put("trainable_parameters", trainable);
                report.put("train_seconds", seconds);
                double primary = Double.NaN;
                for (Map.Entry<String, EncodedExamples> split : evaluation.entrySet()) {
                    long evalStart = System.nanoTime();
                    double[] predictions = SentenceFineTuner.predict(loaded.model(), task, split.getValue());
                    double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
                    Map<String, Double> metrics = SentenceFineTuner.score(task, split.getValue(), predictions);
                    report.put(split.getKey(), metrics);
                    report.put(split.getKey() + "_examples_per_second", split.getValue().size() / evalSeconds);
                    writePredictions(runDir.resolve("predictions-" + split.getKey() + ".tsv"), split.getValue(),
                            predictions, task);
                    if (Double.isNaN(primary)) {
                        primary = metrics.get(task.primaryMetric());
                    }
                    log.printf("%s %s %s: %s%n", task.name(), split.getKey(), name(settings, 0), metrics);
                }
                AtomicFiles.writeString(runDir.resolve("metrics.json"),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
                if (saveModel) {
                    GridRuns.saveModel(loaded.model(), runDir, tokenizerFile);
                }
                return primary;
            }
        } catch (IOException e) {
            throw new CheckpointException(runDir + ": cannot write the run's outputs: " + e.getMessage(), e);
        }
    }

    private static void writePredictions(Path file, EncodedExamples data, double[] predictions, SentenceTask task)
            throws IOException {
        StringBuilder tsv = new StringBuilder("index\tprediction\tgold\n");
        for (int i = 0; i < predictions.length; i++) {
            tsv.append(data.indices()[i]).append('\t').append(label(task, predictions[i])).append('\t')
                    .append(label(task, data.labels()[i])).append('\n');
        }
        AtomicFiles.writeString(file, tsv.toString());
    }

    private static String label(SentenceTask task, double value) {
        if (task.isRegression()) {
            return String.format(Locale.ROOT, "%.4f", value);
        }
        return Double.isNaN(value) ? "" : task.labels().get((int) value);
    }
}
