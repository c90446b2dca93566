package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.finetune.EncodedExamples;
import org.minialbert.core.finetune.FineTuneJob;
import org.minialbert.core.finetune.SentenceFineTuner;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.text.TextTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minialbert glue evaluate}: scores a saved fine-tuned model on a task's evaluation splits. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a fine-tuned model (saved with glue --save-model) on a GLUE task's dev split(s).")
final class GlueEvaluateCommand implements Runnable {
    private final ModelLocator locator;
    private final ModelFactory factory;

    @Option(names = "--model", required = true, paramLabel = "FINETUNED", description = "fine-tuned model directory")
    private String model;

    @Option(names = "--task", required = true, paramLabel = "T", description = "the task it was tuned for")
    private String task;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "the glue_data folder")
    private Path data;

    @Option(names = "--max-length", defaultValue = "128", description = "tokens per example (default: ${DEFAULT-VALUE})")
    private int maxLength;

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    GlueEvaluateCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    @Override
    public void run() {
        SentenceTask sentenceTask = FineTuneJob.tasks(factory.catalog().tasks(), List.of(task)).get(0);
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = OfflineEngine.newManager(device.choice());
                LoadedModel loaded = locator.load(model, null, manager)) {
            int outputs = Math.max(1, sentenceTask.labels().size());
            if (loaded.model().head() != HeadKind.SEQUENCE_CLASSIFICATION
                    || loaded.model().config().labels().size() != sentenceTask.labels().size()) {
                throw new ConfigurationException("model '" + model + "' is not a " + outputs + "-output sequence "
                        + "classifier for " + task + " (head " + loaded.model().head() + ", labels "
                        + loaded.model().config().labels() + "); fine-tune it first with glue --save-model");
            }
            Path tokenizerFile = loaded.tokenizer().orElseThrow(() -> new ConfigurationException("model '" + model
                    + "' has no tokenizer.json beside it"));
            try (TextTokenizer tokenizer = TextTokenizer.open(tokenizerFile, maxLength)) {
                for (String split : sentenceTask.evaluationSplits()) {
                    EncodedExamples examples = EncodedExamples.of(sentenceTask.read(data, split, false), tokenizer);
                    long started = System.nanoTime();
                    double[] predictions = SentenceFineTuner.predict(loaded.model(), sentenceTask, examples);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    Map<String, Double> metrics = SentenceFineTuner.score(sentenceTask, examples, predictions);
                    out.printf("%s %s: %s (%d examples, %.1f examples/s)%n", task, split, metrics, examples.size(),
                            examples.size() / seconds);
                }
            }
        }
    }
}
