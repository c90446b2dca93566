package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;

/** {@code minialbert encode}: golden parity on the reference batch, and the embedded bge model on text. */
class EncodeCommandTest {
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    /**
     * The golden batch through the CLI reproduces the PyTorch reference's hidden states and attention
     * maps, whatever the mini-batch size (3 rows: one batch, 1+1+1, 2+1).
     */
    @ParameterizedTest(name = "{0}, batch size {1}")
    @CsvSource({
        "student-adapters, 0, 3",
        "student-adapters, 1, 3",
        "student-adapters, 2, 3",
        "student-plain, 0, 3",
        "teacher, 0, 5",
        "teacher, 1, 5"})
    void encodesTheGoldenBatchLikeTheReference(String folder, int batchSize, int hiddenStates) {
        Path dir = SharedFiles.golden(folder);
        Path ids = dir.resolve("expected.safetensors");
        Path output = tmp.resolve("out.safetensors");
        List<Object> args = new ArrayList<>(List.of("encode", "--ids", ids, "--model", dir, "--output", output));
        if (batchSize > 0) {
            args.addAll(List.of("--batch-size", batchSize));
        }

        CliRun run = CliRun.of(args.toArray()).succeeded();

        assertThat(run.out()).contains("wrote", "3 rows of 12 tokens", output.toString());
        Map<String, TensorData> expected = Safetensors.read(ids);
        Map<String, TensorData> actual = Safetensors.read(output);
        for (String input : List.of("input_ids", "attention_mask", "token_type_ids")) {
            TensorData tensor = actual.get(input);
            assertThat(tensor).as(input).isNotNull();
            assertThat(tensor.dataType()).as(input).isEqualTo(DataType.INT64);
            assertThat(tensor.shape()).as(input).isEqualTo(new Shape(3, 12));
            assertThat(tensor.toLongs()).as(input).containsExactly(expected.get(input).toLongs());
        }
        assertThat(names(actual, "hidden_states.")).isEqualTo(names(expected, "hidden_states.")).hasSize(hiddenStates);
        assertThat(names(actual, "attentions.")).isEqualTo(names(expected, "attentions.")).hasSize(hiddenStates - 1);
        for (String name : names(expected, "hidden_states.", "attentions.")) {
            assertThat(actual.get(name).dataType()).as(name).isEqualTo(DataType.FLOAT32);
            assertClose(name, actual.get(name), expected.get(name), TOLERANCE);
        }
        TensorData last = actual.get("last_hidden_state");
        assertThat(last).isNotNull();
        assertThat(last.shape()).isEqualTo(new Shape(3, 12, 64));
        assertThat(last.toFloats()).containsExactly(actual.get("hidden_states." + (hiddenStates - 1)).toFloats());
        assertThat(actual).hasSize(3 + hiddenStates + (hiddenStates - 1) + 1);
    }

    /**
     * {@code --no-attentions}: the golden batch (padded rows, so the fused attention's masked form)
     * still gives the reference's hidden states, and the file holds no attention maps.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"teacher, 5", "student-adapters, 3"})
    void withoutAttentionsGivesTheReferenceHiddenStates(String folder, int hiddenStates) {
        Path dir = SharedFiles.golden(folder);
        Path ids = dir.resolve("expected.safetensors");
        Path output = tmp.resolve("hidden.safetensors");

        CliRun.of("encode", "--ids", ids, "--model", dir, "--output", output, "--no-attentions").succeeded();

        Map<String, TensorData> expected = Safetensors.read(ids);
        assertThat(expected.get("attention_mask").toLongs()).as("the batch is padded").contains(0L);
        Map<String, TensorData> actual = Safetensors.read(output);
        assertThat(names(actual, "attentions.")).isEmpty();
        assertThat(names(actual, "hidden_states.")).isEqualTo(names(expected, "hidden_states.")).hasSize(hiddenStates);
        for (String name : names(expected, "hidden_states.")) {
            assertClose(name, actual.get(name), expected.get(name), TOLERANCE);
        }
        assertThat(actual).hasSize(3 + hiddenStates + 1);
    }

    /**
     * The embedded bge-small-en-v1.5 on text lines (an empty line is skipped): [CLS] ... [SEP] rows,
     * 13 hidden states of width 384, 12 attention maps of 12 heads; --max-length cuts the rows.
     */
    @Test
    void encodesTextWithTheEmbeddedBgeModel() throws IOException {
        Path text = tmp.resolve("sentences.txt");
        Files.writeString(text, "The quick brown fox jumps over the lazy dog.\n\n"
                + "  MiniALBERT compresses BERT into a recursive student.  \nHello world\n");
        Path output = tmp.resolve("bge.safetensors");

        CliRun run = CliRun.of("encode", "--model", "bge-small-en-v1.5", "--text-file", text, "--output", output)
                .succeeded();

        Map<String, TensorData> tensors = Safetensors.read(output);
        Shape inputShape = tensors.get("input_ids").shape();
        assertThat(inputShape.dimension()).isEqualTo(2);
        assertThat(inputShape.get(0)).as("rows (the empty line is skipped)").isEqualTo(3);
        int length = (int) inputShape.get(1);
        assertThat(length).isGreaterThan(5);
        assertThat(run.out()).contains("3 rows of " + length + " tokens");
        long[] ids = tensors.get("input_ids").toLongs();
        long[] mask = tensors.get("attention_mask").toLongs();
        int[] realTokens = new int[3];
        for (int r = 0; r < 3; r++) {
            for (int t = 0; t < length; t++) {
                realTokens[r] += (int) mask[r * length + t];
            }
            assertThat(ids[r * length]).as("row %d starts with [CLS]", r).isEqualTo(101);
            assertThat(ids[r * length + realTokens[r] - 1]).as("row %d ends with [SEP]", r).isEqualTo(102);
            for (int t = realTokens[r]; t < length; t++) {
                assertThat(ids[r * length + t]).as("padding of row %d", r).isZero();
            }
        }
        assertThat(realTokens).as("the longest row sets the length").contains(length);
        assertThat(realTokens[2]).as("[CLS] hello world [SEP]").isEqualTo(4);
        assertThat(tensors.get("token_type_ids").toLongs()).containsOnly(0L);

        assertThat(names(tensors, "hidden_states.")).hasSize(13);
        assertThat(names(tensors, "attentions.")).hasSize(12);
        for (int i = 0; i <= 12; i++) {
            assertThat(tensors.get("hidden_states." + i).shape()).as("hidden_states.%d", i)
                    .isEqualTo(new Shape(3, length, 384));
        }
        assertThat(tensors.get("attentions.0").shape()).isEqualTo(new Shape(3, 12, length, length));
        assertThat(tensors.get("attentions.11").shape()).isEqualTo(new Shape(3, 12, length, length));
        assertThat(tensors.get("last_hidden_state").toFloats())
                .containsExactly(tensors.get("hidden_states.12").toFloats());
        assertAttentionRowsSumToOne(tensors.get("attentions.0"), 3, 12, length);
        float[] hidden = tensors.get("last_hidden_state").toFloats();
        for (float value : hidden) {
            assertThat(value).isFinite();
        }

        Path truncated = tmp.resolve("bge-5.safetensors");
        CliRun.of("encode", "--model", "bge-small-en-v1.5", "--text-file", text, "--output", truncated,
                "--max-length", 5).succeeded();
        Map<String, TensorData> cut = Safetensors.read(truncated);
        assertThat(cut.get("input_ids").shape()).isEqualTo(new Shape(3, 5));
        long[] cutIds = cut.get("input_ids").toLongs();
        for (int r = 0; r < 3; r++) {
            assertThat(cutIds[r * 5]).isEqualTo(101);
            assertThat(ids[r * length + 1]).as("same first word piece").isEqualTo(cutIds[r * 5 + 1]);
        }
        assertThat(cutIds[4]).as("a truncated row keeps its [SEP]").isEqualTo(102);
        assertThat(cutIds[9]).isEqualTo(102);
        assertThat(cut.get("hidden_states.12").shape()).isEqualTo(new Shape(3, 5, 384));
        assertThat(cut.get("attentions.0").shape()).isEqualTo(new Shape(3, 12, 5, 5));
    }

    /** Softmax rows over the keys of every real query position sum to 1. */
    private static void assertAttentionRowsSumToOne(TensorData attention, int rows, int heads, int length) {
        float[] p = attention.toFloats();
        for (int row = 0; row < rows * heads * length; row++) {
            double sum = 0;
            for (int k = 0; k < length; k++) {
                sum += p[row * length + k];
            }
            assertThat(sum).as("attention row %d", row).isCloseTo(1.0, offset(1e-4));
        }
    }

    static TreeSet<String> names(Map<String, TensorData> tensors, String... prefixes) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : tensors.keySet()) {
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Equal shapes and max|actual - expected| <= tolerance * max|expected|. */
    static void assertClose(String what, TensorData actual, TensorData expected, double tolerance) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        float[] a = actual.toFloats();
        float[] e = expected.toFloats();
        double scale = 1e-6;
        double error = 0;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            error = Math.max(error, Math.abs((double) a[i] - e[i]));
        }
        assertThat(error / scale).as("%s: max abs error %s relative to max abs expected %s", what, error, scale)
                .isLessThanOrEqualTo(tolerance);
    }
}
