package org.minialbert.core.finetune;

import ai.djl.Device;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.api.task.SentenceTaskProvider;
import org.minialbert.core.config.JobFile;
import org.minialbert.core.config.Problems;
import org.minialbert.core.config.SettingsReader;
import org.minialbert.core.engine.DeviceChoice;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.plugin.PluginCatalog;
import org.minialbert.core.plugin.PluginRegistry;

/**
 * A fine-tuning job on GLUE tasks and/or NER datasets (the {@code glue} command's options, or a
 * HOCON file read by {@code finetune};
 * defaults in core's reference.conf under {@code minialbert.finetune}): one model, several tasks, one
 * grid. Running it writes every run's outputs, then {@code results.md} after each task.
 */
public record FineTuneJob(String model, List<String> tasks, Path data, GridSpec grid, boolean saveModel,
        NerGrid.Options ner, DeviceChoice device) {

    /** Loads a job file (null for the defaults) with {@code --set} overrides; all problems reported together. */
    public static FineTuneJob load(Path file, List<String> overrides) {
        Problems problems = new Problems();
        Config config = JobFile.load(file, overrides, "minialbert.finetune", problems);
        SettingsReader r = new SettingsReader(config, problems);
        String model = r.string("model");
        List<String> tasks = r.strings("tasks");
        String data = r.optionalString("data");
        if (data == null) {
            r.fail("data", "is required: the glue_data folder, or the folder of the NER datasets", null);
        }
        GridSpec grid = new GridSpec(floats(r.numbers("learning-rates", 1e-12)), r.integers("batch-sizes", 1),
                r.integers("epochs", 1), r.integer("runs", 1, 1000), r.choice("mode", List.of("full", "adapters"))
                .equals("adapters"), (float) r.number("warmup-ratio", 0, 0.99), (float) r.number("weight-decay", 0, 10),
                r.integer("max-length", 3, 1 << 16), (long) r.number("seed", 0, Long.MAX_VALUE));
        boolean save = r.bool("save-model");
        NerGrid.Options ner = new NerGrid.Options(r.choice("ner-labelling", List.of("first", "all")).equals("all"),
                r.choice("ner-schedule", List.of("cosine", "linear")).equals("cosine"));
        DeviceChoice device = DeviceChoice.parse(r.choice("device", DeviceChoice.names()));
        problems.throwIfAny();
        return new FineTuneJob(model, tasks, Path.of(data), grid, save, ner, device);
    }

    private static List<Float> floats(List<Double> values) {
        return values.stream().map(Double::floatValue).toList();
    }

    /** The tasks named ({@code all}: every installed task), each looked up in {@code registry}. */
    public static List<SentenceTask> tasks(PluginRegistry<SentenceTaskProvider> registry, List<String> wanted) {
        List<String> names = wanted.equals(List.of("all"))
                ? registry.all().stream().map(SentenceTaskProvider::name).toList() : wanted;
        List<SentenceTask> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(registry.get(name.strip()).create(ConfigFactory.empty()));
        }
        return selected;
    }

    /**
     * Runs every task's grid (GLUE tasks and NER datasets may be mixed); {@code output/results.md} is
     * rewritten after each task. The device is checked before any data is read.
     */
    public List<TaskResult> run(ModelLocator locator, PluginCatalog catalog, Path output, PrintStream log) {
        Device placement = device.resolve(OfflineEngine.pytorch());
        TaskGrid glue = new TaskGrid(locator, placement, log);
        NerGrid nerGrid = new NerGrid(locator, placement, log);
        List<TaskResult> results = new ArrayList<>();
        for (String name : tasks.equals(List.of("all")) ? allNames(catalog) : tasks) {
            String key = name.strip().toLowerCase(Locale.ROOT).replaceFirst("-iob$", "");
            boolean token = catalog.tokenTasks().all().stream().anyMatch(p -> p.name().equals(key));
            results.add(token
                    ? nerGrid.run(model, catalog.tokenTasks().get(key).create(ConfigFactory.empty()), data, grid, ner, output,
                            saveModel)
                    : glue.run(model, tasks(catalog.tasks(), List.of(key)).get(0), data, grid, output, saveModel));
            try {
                AtomicFiles.writeString(output.resolve("results.md"), ResultsTable.markdown(model, results));
            } catch (IOException e) {
                throw new CheckpointException(output + ": cannot write results.md: " + e.getMessage(), e);
            }
        }
        return results;
    }

    private static List<String> allNames(PluginCatalog catalog) {
        return catalog.tasks().all().stream().map(SentenceTaskProvider::name).toList();
    }
}
