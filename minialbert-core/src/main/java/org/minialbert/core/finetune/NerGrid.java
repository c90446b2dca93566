package org.minialbert.core.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.task.TokenExample;
import org.minialbert.api.task.TokenTask;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.text.TextTokenizer;

/**
 * Runs one NER dataset's grid for one model (spec sections 6-8): label set from the training split,
 * every configuration and seeded run trained on {@code train} from the model's own weights, the best
 * configuration chosen by mean entity F1 on {@code devel} and reported on {@code test}. Each run
 * writes {@code metrics.json} (devel and test) and the test predictions in CoNLL form (token, gold,
 * predicted).
 */
public final class NerGrid {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ModelLocator locator;
    private final Device device;
    private final PrintStream log;

    /** A runner whose runs train and evaluate on {@code device}. */
    public NerGrid(ModelLocator locator, Device device, PrintStream log) {
        this.locator = locator;
        this.device = device;
        this.log = log;
    }

    /** What a grid needs besides its configurations. */
    public record Options(boolean everyPiece, boolean cosine) {
    }

    public TaskResult run(String model, TokenTask task, Path dataRoot, GridSpec grid, Options options, Path outDir,
            boolean saveModels) {
        Path tokenizerFile = GridRuns.tokenizer(locator, model);
        List<TokenExample> train = task.read(dataRoot, "train");
        List<String> labels = task.labels(train);
        Map<String, List<TokenExample>> splits = new LinkedHashMap<>();
        splits.put("devel", task.read(dataRoot, "devel"));
        splits.put("test", task.read(dataRoot, "test"));
        Map<String, TokenWindows> windows = new LinkedHashMap<>();
        TokenWindows trainWindows;
        try (TextTokenizer tokenizer = TextTokenizer.openUntruncated(tokenizerFile)) {
            long cls = tokenizer.tokenId("[CLS]");
            long sep = tokenizer.tokenId("[SEP]");
            trainWindows = new TokenWindows(train, labels, tokenizer, grid.maxLength(), options.everyPiece(), cls, sep);
            for (Map.Entry<String, List<TokenExample>> split : splits.entrySet()) {
                windows.put(split.getKey(), new TokenWindows(split.getValue(), labels, tokenizer, grid.maxLength(),
                        options.everyPiece(), cls, sep));
            }
        }
        long started = System.nanoTime();
        Map<FineTuneSettings, List<Double>> devel = new LinkedHashMap<>();
        Map<FineTuneSettings, List<Double>> test = new LinkedHashMap<>();
        for (FineTuneSettings configuration : grid.configurations()) {
            devel.put(configuration, new ArrayList<>());
            test.put(configuration, new ArrayList<>());
            for (int r = 0; r < grid.runs(); r++) {
                FineTuneSettings settings = configuration.withSeed(grid.seed() + r);
                Path runDir = outDir.resolve(task.name()).resolve(TaskGrid.name(settings, r));
                Map<String, Map<String, Double>> metrics = runOnce(model, task, labels, trainWindows, splits, windows,
                        settings, options, runDir, saveModels, tokenizerFile);
                devel.get(configuration).add(metrics.get("devel").get("f1"));
                test.get(configuration).add(metrics.get("test").get("f1"));
            }
        }
        return TaskResult.of(task.name(), "f1", "test", devel, test, (System.nanoTime() - started) / 1e9);
    }

    private Map<String, Map<String, Double>> runOnce(String model, TokenTask task, List<String> labels,
            TokenWindows train, Map<String, List<TokenExample>> splits, Map<String, TokenWindows> windows,
            FineTuneSettings settings, Options options, Path runDir, boolean saveModel, Path tokenizerFile) {
        try (NDManager manager = OfflineEngine.newManager(device)) {
            OfflineEngine.seed(settings.seed());
            try (LoadedModel loaded = locator.loadForTask(model, HeadKind.TOKEN_CLASSIFICATION, labels,
                    settings.adapters(), manager)) {
                long trainable = GridRuns.trainableParameters(loaded.model(), settings.adapters());
                log.printf("%s seed %d: %,d trainable parameters%n", task.name(), settings.seed(), trainable);
                double seconds = TokenFineTuner.train(loaded.model(), train, settings, options.cosine(), task.name(), log);
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("task", task.name());
                report.put("model", model);
                report.put("settings", settings);
                report.put("labelling", options.everyPiece() ? "every word piece (scored on pieces)"
                        : "first word piece (scored on words)");
                report.put("schedule", options.cosine() ? "cosine" : "linear");
                report.put("trainable_parameters", trainable);
                report.put("train_seconds", seconds);
                Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
                for (Map.Entry<String, List<TokenExample>> split : splits.entrySet()) {
                    TokenFineTuner.Tagged tagged = TokenFineTuner.predict(loaded.model(), windows.get(split.getKey()),
                            split.getValue(), labels);
                    Map<String, Double> scores = task.metrics(tagged.gold(), tagged.predicted());
                    metrics.put(split.getKey(), scores);
                    report.put(split.getKey(), scores);
                    log.printf("%s %s: f1 %.4f (precision %.4f, recall %.4f)%n", task.name(), split.getKey(),
                            scores.get("f1"), scores.get("precision"), scores.get("recall"));
                    if (split.getKey().equals("test")) {
                        AtomicFiles.writeString(runDir.resolve("predictions-test.conll"), conll(split.getValue(), tagged));
                    }
                }
                AtomicFiles.writeString(runDir.resolve("metrics.json"),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
                if (saveModel) {
                    GridRuns.saveModel(loaded.model(), runDir, tokenizerFile);
                }
                return metrics;
            }
        } catch (IOException e) {
            throw new CheckpointException(runDir + ": cannot write the run's outputs: " + e.getMessage(), e);
        }
    }

    /** token TAB gold TAB predicted per scored unit, a blank line between sentences. */
    static String conll(List<TokenExample> sentences, TokenFineTuner.Tagged tagged) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < sentences.size(); s++) {
            List<String> words = sentences.get(s).words();
            for (int u = 0; u < tagged.gold().get(s).size(); u++) {
                text.append(words.get(tagged.words().get(s).get(u))).append('\t').append(tagged.gold().get(s).get(u))
                        .append('\t').append(tagged.predicted().get(s).get(u)).append('\n');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
