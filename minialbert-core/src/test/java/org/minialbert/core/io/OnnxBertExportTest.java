package org.minialbert.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.CheckpointException;

/**
 * Reads the real ONNX exports shipped in the langchain4j embedding jars. The expected numbers were
 * obtained independently of this class: a small Python script (standard library + numpy, no onnx or
 * torch package) walked the protobuf wire format of the same files itself, took the raw_data of the
 * initializers, transposed the {@code onnx::MatMul_*} matrix fed to each named MatMul node, and printed
 * the float64 sum and the first values of the float32 results.
 */
class OnnxBertExportTest {

    private static byte[] bgeBytes;
    private static OnnxBertExport bge;

    @BeforeAll
    static void readBge() throws IOException {
        bgeBytes = resource("bge-small-en-v1.5.onnx");
        bge = OnnxBertExport.read(bgeBytes, "bge-small-en-v1.5.onnx");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxBertExportTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("resource " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void bgeHasEveryBertModelParameterUnderItsHfName() {
        Map<String, TensorData> weights = bge.weights();
        // 5 embedding tensors + 16 per layer x 12 layers; this export has no pooler
        assertThat(weights).hasSize(5 + 16 * 12);
        assertThat(weights.keySet()).noneMatch(name -> name.startsWith("bert.") || name.startsWith("onnx::"))
                .contains("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                        "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.bias",
                        "encoder.layer.11.attention.self.value.weight", "encoder.layer.11.output.LayerNorm.bias");
        assertShape("embeddings.word_embeddings.weight", 30522, 384);
        assertShape("encoder.layer.0.attention.self.query.weight", 384, 384);
        assertShape("encoder.layer.0.intermediate.dense.weight", 1536, 384);
        assertShape("encoder.layer.0.output.dense.weight", 384, 1536);
        assertShape("encoder.layer.0.intermediate.dense.bias", 1536);
    }

    private static void assertShape(String name, long... dims) {
        assertThat(bge.weights().get(name).shape().getShape()).as(name).containsExactly(dims);
    }

    @Test
    void linearWeightsAreTransposedToOutByIn() {
        // Python: onnx::MatMul_1525 (input 1 of /encoder/layer.0/attention/self/query/MatMul), transposed
        float[] query = bge.weights().get("encoder.layer.0.attention.self.query.weight").toFloats();
        assertThat(Arrays.copyOf(query, 3)).containsExactly(-0.24365234375f, 0.06158447265625f, 0.0018262863159179688f);
        assertThat(query[384]).isEqualTo(0.02960205f); // row 1, column 0
        assertThat(sum(query)).isCloseTo(14.7538429, within(1e-4));
        // Python: onnx::MatMul_1536 of /encoder/layer.0/intermediate/dense/MatMul, transposed
        float[] intermediate = bge.weights().get("encoder.layer.0.intermediate.dense.weight").toFloats();
        assertThat(Arrays.copyOf(intermediate, 3))
                .containsExactly(-0.036834716796875f, -0.10888671875f, 0.0775146484375f);
        assertThat(sum(intermediate)).isCloseTo(-2244.16626, within(1e-3));
    }

    @Test
    void namedInitializersAreTakenAsTheyAre() {
        // Python: raw_data of initializer embeddings.LayerNorm.weight
        float[] gamma = bge.weights().get("embeddings.LayerNorm.weight").toFloats();
        assertThat(Arrays.copyOf(gamma, 3)).containsExactly(0.5849609375f, 0.5751953125f, 0.603515625f);
        assertThat(sum(gamma)).isCloseTo(233.645996, within(1e-4));
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum;
    }

    @Test
    void bgeConfigIsInferredFromTheGraph() {
        assertThat(bge.inferredConfig()).containsEntry("model_type", "bert")
                .containsEntry("vocab_size", 30522)
                .containsEntry("hidden_size", 384)
                .containsEntry("max_position_embeddings", 512)
                .containsEntry("type_vocab_size", 2)
                .containsEntry("num_hidden_layers", 12)
                .containsEntry("intermediate_size", 1536)
                .containsEntry("num_attention_heads", 12)
                .containsEntry("layer_norm_eps", 1e-12)
                .containsEntry("hidden_act", "gelu");
    }

    @Test
    void miniLmHasSixLayersAndItsPositionIdsAreSkipped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("all-minilm-l6-v2.onnx");
        Files.write(file, resource("all-minilm-l6-v2.onnx"));
        OnnxBertExport miniLm = OnnxBertExport.read(file);
        assertThat(miniLm.inferredConfig()).containsEntry("num_hidden_layers", 6)
                .containsEntry("num_attention_heads", 12);
        // the INT64 initializer embeddings.position_ids is a buffer, not a weight
        assertThat(miniLm.weights()).hasSize(5 + 16 * 6).doesNotContainKey("embeddings.position_ids");
        // Python: onnx::MatMul_787 of /encoder/layer.0/attention/self/query/MatMul, transposed
        float[] query = miniLm.weights().get("encoder.layer.0.attention.self.query.weight").toFloats();
        assertThat(Arrays.copyOf(query, 3)).containsExactly(-0.14861962f, 0.043580376f, 0.08559578f);
        assertThat(sum(query)).isCloseTo(13.5281941, within(1e-4));
    }

    @Test
    void typedDataFieldsPackedOrNotAreRead() throws IOException {
        byte[] words = message(out -> {
            out.writeInt64(1, 3);
            out.writeInt64(1, 2);
            out.writeInt32(2, 1);
            out.writeString(8, "embeddings.word_embeddings.weight");
            out.writeTag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED); // packed float_data
            out.writeUInt32NoTag(6 * Float.BYTES);
            for (int i = 1; i <= 6; i++) {
                out.writeFloatNoTag(i);
            }
        });
        byte[] matrix = message(out -> {
            out.writeInt64(1, 2);
            out.writeInt64(1, 3);
            out.writeInt32(2, 1);
            out.writeString(8, "onnx::MatMul_9");
            for (int i = 1; i <= 6; i++) {
                out.writeFloat(4, i); // one float_data field per value
            }
        });
        byte[] node = message(out -> {
            out.writeString(1, "x");
            out.writeString(1, "onnx::MatMul_9");
            out.writeString(2, "y");
            out.writeString(3, "/encoder/layer.0/attention/self/query/MatMul");
            out.writeString(4, "MatMul");
        });
        byte[] model = message(out -> out.writeByteArray(7, message(graph -> {
            graph.writeByteArray(1, node);
            graph.writeByteArray(5, words);
            graph.writeByteArray(5, matrix);
        })));
        OnnxBertExport tiny = OnnxBertExport.read(model, "tiny.onnx");
        assertThat(tiny.weights().get("embeddings.word_embeddings.weight").toFloats())
                .containsExactly(1, 2, 3, 4, 5, 6);
        TensorData query = tiny.weights().get("encoder.layer.0.attention.self.query.weight");
        assertThat(query.shape().getShape()).containsExactly(3, 2);
        assertThat(query.toFloats()).containsExactly(1, 4, 2, 5, 3, 6);
        // no Reshape/Concat/Constant chain: the head count is left for a config.json to give
        assertThat(tiny.inferredConfig()).containsEntry("vocab_size", 3).containsEntry("hidden_size", 2)
                .containsEntry("num_hidden_layers", 1).containsEntry("layer_norm_eps", 1e-12)
                .doesNotContainKey("num_attention_heads");
    }

    @Test
    void truncatedOrForeignBytesAreReportedWithTheirName() {
        byte[] truncated = Arrays.copyOf(bgeBytes, bgeBytes.length / 2);
        assertThatThrownBy(() -> OnnxBertExport.read(truncated, "cut.onnx"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("cut.onnx: not a readable ONNX model");
        byte[] text = "{\"model_type\": \"bert\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxBertExport.read(text, "config.json"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("config.json: not a readable ONNX model");
    }

    @Test
    void externalDataIsRefused() throws IOException {
        byte[] tensor = message(out -> {
            out.writeInt64(1, 384);
            out.writeInt32(2, 1);
            out.writeString(8, "embeddings.LayerNorm.weight");
            out.writeEnum(14, 1);
        });
        byte[] model = message(out -> out.writeByteArray(7, message(graph -> graph.writeByteArray(5, tensor))));
        assertThatThrownBy(() -> OnnxBertExport.read(model, "ext.onnx"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("ext.onnx")
                .hasMessageContaining("external-data ONNX files are not supported");
    }

    @Test
    void matMulWeightOutsideTheEncoderIsNamedInTheError() throws IOException {
        byte[] tensor = message(out -> {
            out.writeInt64(1, 1);
            out.writeInt64(1, 1);
            out.writeInt32(2, 1);
            out.writeString(8, "onnx::MatMul_7");
            out.writeFloat(4, 0.5f);
        });
        byte[] node = message(out -> {
            out.writeString(1, "x");
            out.writeString(1, "onnx::MatMul_7");
            out.writeString(2, "y");
            out.writeString(3, "/classifier/MatMul");
            out.writeString(4, "MatMul");
        });
        byte[] model = message(out -> out.writeByteArray(7, message(graph -> {
            graph.writeByteArray(1, node);
            graph.writeByteArray(5, tensor);
        })));
        assertThatThrownBy(() -> OnnxBertExport.read(model, "head.onnx"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("head.onnx")
                .hasMessageContaining("/classifier/MatMul");
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
