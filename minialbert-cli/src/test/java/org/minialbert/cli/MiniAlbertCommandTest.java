package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.EmbeddedModel;

/** {@code minialbert inspect}, {@code --help}, and user errors: status 2, {@code error: ...}, no stack trace. */
class MiniAlbertCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- inspect

    @Test
    void inspectPrintsTheTeacherEncoderParameterCount() throws IOException {
        Path teacher = SharedFiles.golden("teacher");
        var config = JSON.readTree(teacher.resolve("config.json").toFile());
        long v = config.get("vocab_size").asLong();
        long h = config.get("hidden_size").asLong();
        long layers = config.get("num_hidden_layers").asLong();
        long i = config.get("intermediate_size").asLong();
        long p = config.get("max_position_embeddings").asLong();
        long types = config.get("type_vocab_size").asLong();
        assertThat(new long[] {v, h, layers, i, p, types}).containsExactly(1000, 64, 4, 128, 64, 2);
        // word + position + token-type tables + embedding LayerNorm (gamma, beta)
        long embeddings = v * h + p * h + types * h + 2 * h;
        // Q, K, V, attention output (weight + bias each), two LayerNorms, FFN in and out
        long perLayer = 4 * (h * h + h) + 2 * 2 * h + (h * i + i) + (i * h + h);
        long expected = embeddings + layers * perLayer;
        assertThat(expected).isEqualTo(202_240L);

        CliRun run = CliRun.of("inspect", "--model", teacher).succeeded();

        Matcher encoder = Pattern.compile("(?m)^\\s*encoder\\s+([0-9][0-9,.'\\u00a0\\u202f]*)").matcher(run.out());
        assertThat(encoder.find()).as(run.describe()).isTrue();
        assertThat(Long.parseLong(encoder.group(1).replaceAll("[^0-9]", ""))).as(run.describe()).isEqualTo(expected);
        assertThat(run.out()).contains("teacher (BERT)", "layers L       4", "vocabulary     1000", "hidden H       64");
        assertThat(run.err()).doesNotContain("error");
    }

    // ---------------------------------------------------------------- help

    @Test
    void helpOfEveryCommand() {
        CliRun top = CliRun.of("--help").succeeded();
        assertThat(top.out()).contains("Usage: minialbert", "encode", "inspect");

        CliRun encode = CliRun.of("encode", "--help").succeeded();
        assertThat(encode.out()).contains("Usage: minialbert encode", "--model", "--text-file", "--ids", "--output",
                "--max-length", "--batch-size");

        CliRun inspect = CliRun.of("inspect", "--help").succeeded();
        assertThat(inspect.out()).contains("Usage: minialbert inspect", "--model");

        CliRun helpCommand = CliRun.of("help", "encode").succeeded();
        assertThat(helpCommand.out()).contains("Usage: minialbert encode");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun run = CliRun.of("encode", "--model", "bge-small-en-v1.5", "--text-file", tmp.resolve("a.txt"));
        assertThat(run.status()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option", "--output").doesNotContain("\tat ");

        CliRun noInput = CliRun.of("encode", "--model", "bge-small-en-v1.5", "--output", tmp.resolve("o.safetensors"));
        assertThat(noInput.status()).as(noInput.describe()).isEqualTo(2);
        assertThat(noInput.err()).contains("--text-file", "--ids").doesNotContain("\tat ");

        CliRun unknown = CliRun.of("frobnicate");
        assertThat(unknown.status()).as(unknown.describe()).isEqualTo(2);
        assertThat(unknown.err()).contains("frobnicate");
    }

    // ---------------------------------------------------------------- user errors

    @Test
    void unknownModelNameListsTheEmbeddedModels() throws IOException {
        Files.writeString(tmp.resolve("a.txt"), "some text\n");
        Path output = tmp.resolve("out.safetensors");
        String message = CliRun.of("encode", "--model", "no-such-model", "--text-file", tmp.resolve("a.txt"),
                "--output", output).userError();
        assertThat(message).contains("no-such-model", "bge-small-en-v1.5", "all-minilm-l6-v2");
        assertThat(output).doesNotExist();

        String inspect = CliRun.of("inspect", "--model", "no-such-model").userError();
        assertThat(inspect).contains("no-such-model", "bge-small-en-v1.5");
    }

    @Test
    void missingOrEmptyTextFile() throws IOException {
        Path model = SharedFiles.golden("student-adapters");
        Path tokenizer = EmbeddedModel.BGE_SMALL_EN_V15.tokenizerFile();
        Path output = tmp.resolve("out.safetensors");

        Path missing = tmp.resolve("missing.txt");
        String notFound = CliRun.of("encode", "--model", model, "--tokenizer", tokenizer, "--text-file", missing,
                "--output", output).userError();
        assertThat(notFound).contains(missing.toString(), "not found");

        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "\n   \n\t\n");
        String noText = CliRun.of("encode", "--model", model, "--tokenizer", tokenizer, "--text-file", empty,
                "--output", output).userError();
        assertThat(noText).contains(empty.toString(), "no text");
        assertThat(output).doesNotExist();
    }

    @Test
    void configWithoutHiddenSize() throws IOException {
        Path dir = copyOf("teacher");
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        assertThat(config.remove("hidden_size")).isNotNull();
        JSON.writeValue(dir.resolve("config.json").toFile(), config);

        String message = CliRun.of("inspect", "--model", dir).userError();
        assertThat(message).contains("config.json", "hidden_size");

        Path output = tmp.resolve("out.safetensors");
        String encode = CliRun.of("encode", "--model", dir, "--ids", SharedFiles.golden("teacher/expected.safetensors"),
                "--output", output).userError();
        assertThat(encode).contains("hidden_size");
        assertThat(output).doesNotExist();
    }

    @Test
    void tensorWithTheWrongShapeIsNamedWithBothShapes() {
        Path dir = copyOf("teacher");
        String name = "bert.encoder.layer.2.attention.self.query.weight";
        Map<String, TensorData> tensors = new LinkedHashMap<>(Safetensors.read(dir.resolve("model.safetensors")));
        assertThat(tensors.get(name).shape()).isEqualTo(new Shape(64, 64));
        tensors.put(name, floats(new Shape(64, 32)));
        Path weights = dir.resolve("model.safetensors");
        Safetensors.write(weights, tensors, Map.of("format", "pt"));

        String message = CliRun.of("inspect", "--model", dir).userError();
        assertThat(message).contains(name, "(64, 32)", "(64, 64)");
    }

    @Test
    void tokenIdOutsideTheVocabulary() {
        Path model = SharedFiles.golden("student-adapters");
        Path ids = tmp.resolve("ids.safetensors");
        writeIds(ids, new long[] {2, 17, 1000, 3}, 1, 4);
        Path output = tmp.resolve("out.safetensors");

        String message = CliRun.of("encode", "--model", model, "--ids", ids, "--output", output).userError();
        assertThat(message).contains("1000", "out of range", "[0, 1000)");
        assertThat(output).doesNotExist();

        writeIds(ids, new long[] {2, 17, -1, 3}, 1, 4);
        assertThat(CliRun.of("encode", "--model", model, "--ids", ids, "--output", output).userError())
                .contains("-1", "out of range");
    }

    @Test
    void sequenceLongerThanThePositionTable() {
        Path model = SharedFiles.golden("teacher");
        Path ids = tmp.resolve("ids.safetensors");
        long[] tokens = new long[65];
        Arrays.fill(tokens, 7);
        writeIds(ids, tokens, 1, 65);
        Path output = tmp.resolve("out.safetensors");

        String message = CliRun.of("encode", "--model", model, "--ids", ids, "--output", output).userError();
        assertThat(message).contains("65", "64", "position");
        assertThat(output).doesNotExist();

        // the full table itself is fine
        writeIds(ids, Arrays.copyOf(tokens, 64), 1, 64);
        CliRun.of("encode", "--model", model, "--ids", ids, "--output", output).succeeded();
        assertThat(Safetensors.read(output).get("last_hidden_state").shape()).isEqualTo(new Shape(1, 64, 64));
    }

    @Test
    void nonPositiveBatchSize() {
        Path model = SharedFiles.golden("teacher");
        String message = CliRun.of("encode", "--model", model, "--ids", model.resolve("expected.safetensors"),
                "--output", tmp.resolve("out.safetensors"), "--batch-size", 0).userError();
        assertThat(message).contains("--batch-size", "0");
    }

    // ---------------------------------------------------------------- helpers

    /** A writable copy of a golden model folder (config.json and model.safetensors). */
    private Path copyOf(String golden) {
        Path source = SharedFiles.golden(golden);
        Path copy = tmp.resolve(golden);
        try {
            Files.createDirectories(copy);
            for (String file : new String[] {"config.json", "model.safetensors"}) {
                Files.copy(source.resolve(file), copy.resolve(file));
                copy.resolve(file).toFile().setWritable(true);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return copy;
    }

    private static TensorData floats(Shape shape) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(shape.size()) * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        return new TensorData(DataType.FLOAT32, shape, bytes);
    }

    private static void writeIds(Path file, long[] ids, int rows, int length) {
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1L);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("input_ids", longs(ids, rows, length));
        tensors.put("attention_mask", longs(ones, rows, length));
        tensors.put("token_type_ids", longs(new long[ids.length], rows, length));
        Safetensors.write(file, tensors, Map.of());
    }

    private static TensorData longs(long[] values, int rows, int length) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return new TensorData(DataType.INT64, new Shape(rows, length), bytes);
    }
}
