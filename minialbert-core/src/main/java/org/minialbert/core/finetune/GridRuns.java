package org.minialbert.core.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.model.ModelLocator;

/** What the sentence and token grids do alike around each run: the tokenizer, the trainable count, saving. */
final class GridRuns {
    private GridRuns() {
    }

    /** The tokenizer.json beside {@code model}; fine-tuning tokenises the task with it. */
    static Path tokenizer(ModelLocator locator, String model) {
        return locator.resolve(model).tokenizer().orElseThrow(() -> new ConfigurationException("model '" + model
                + "' has no tokenizer.json beside it; fine-tuning tokenises the task with the model's tokenizer"));
    }

    /** Parameters a run trains (all of them, or adapters and head only). */
    static long trainableParameters(EncoderModel model, boolean adapters) {
        return SentenceFineTuner.trainable(model, adapters).stream().mapToLong(Weight::size).sum();
    }

    /** Saves the fine-tuned model in {@code runDir/model} with its tokenizer, ready to load again. */
    static void saveModel(EncoderModel model, Path runDir, Path tokenizerFile) throws IOException {
        ModelCheckpoint.save(model, runDir.resolve("model"));
        Files.copy(tokenizerFile, runDir.resolve("model").resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
    }
}
