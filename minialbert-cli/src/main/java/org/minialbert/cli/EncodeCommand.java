package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.encode.BatchedEncoder;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.AttentionMaps;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.text.TextTokenizer;
import org.minialbert.core.text.TokenBatch;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minialbert encode}: runs a model over text lines or token-id tensors and writes every hidden
 * state and attention map (unless {@code --no-attentions}) to a safetensors file.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Run a model over text or token ids and save all its outputs as safetensors.",
            "OUT holds input_ids, attention_mask, token_type_ids (I64) and hidden_states.{i}, attentions.{i} and "
                    + "last_hidden_state (F32); rows are padded to the longest one."})
final class EncodeCommand implements Runnable {
    private final ModelLocator locator;

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "model directory, .onnx file, or embedded model name (bge-small-en-v1.5, all-minilm-l6-v2)")
    private String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    @Option(names = "--output", required = true, paramLabel = "OUT.safetensors", description = "where to write the outputs")
    private Path output;

    @Option(names = "--max-length", paramLabel = "N", description = "truncate texts to N tokens, [CLS]/[SEP] included "
            + "(default: the model's position table size)")
    private Integer maxLength;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json",
            description = "tokenizer to use (default: the one found next to the model)")
    private Path tokenizer;

    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "B",
            description = "rows per forward pass (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--no-attentions",
            description = "leave out the attention maps (attentions.{i}): a smaller file, and a faster pass that "
                    + "never holds them in memory")
    private boolean noAttentions;

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    static final class Input {
        @Option(names = "--text-file", paramLabel = "F", description = "UTF-8 text, one input per non-empty line")
        Path textFile;

        @Option(names = "--ids", paramLabel = "F.safetensors",
                description = "I64 input_ids, attention_mask, token_type_ids of shape (batch, length)")
        Path ids;
    }

    @Inject
    EncodeCommand(ModelLocator locator) {
        this.locator = locator;
    }

    @Override
    public void run() {
        if (batchSize < 1) {
            throw new ConfigurationException("--batch-size must be positive, found " + batchSize);
        }
        if (input.ids != null && (maxLength != null || tokenizer != null)) {
            throw new ConfigurationException("--max-length and --tokenizer apply to --text-file only; token ids given "
                    + "with --ids are used as they are");
        }
        List<String> texts = input.textFile != null ? readLines(input.textFile) : List.of();
        try (NDManager manager = OfflineEngine.newManager(device.choice());
                LoadedModel loaded = locator.load(model, null, manager)) {
            TokenBatch batch = input.ids != null ? TokenBatch.fromTensors(Safetensors.read(input.ids), input.ids.toString())
                    : tokenize(loaded, texts);
            PrintWriter err = spec.commandLine().getErr();
            Map<String, TensorData> tensors = new BatchedEncoder(loaded.model(), batchSize,
                    noAttentions ? AttentionMaps.SKIP : AttentionMaps.KEEP).encode(batch, manager,
                    done -> err.printf("\rencoded %d/%d rows", done, batch.rows()));
            err.println();
            Safetensors.write(output, tensors, Map.of("model", loaded.source()));
            spec.commandLine().getOut().printf("wrote %d tensors for %d rows of %d tokens to %s%n", tensors.size(),
                    batch.rows(), batch.length(), output);
        }
    }

    private TokenBatch tokenize(LoadedModel loaded, List<String> texts) {
        Path tokenizerFile = tokenizer != null ? tokenizer : loaded.tokenizer().orElseThrow(() ->
                new ConfigurationException("no tokenizer.json found next to model '" + model + "'; pass --tokenizer"));
        int limit = maxLength != null ? maxLength : loaded.model().config().maxPositions();
        try (TextTokenizer textTokenizer = TextTokenizer.open(tokenizerFile, limit)) {
            return textTokenizer.batch(texts);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (lines.isEmpty()) {
                throw new DataFormatException(file + ": no text (the file has no non-empty line)");
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": file not found");
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
    }
}
