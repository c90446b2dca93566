package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minialbert.core.TensorAssertions.assertClose;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.text.TextTokenizer;
import org.minialbert.core.text.TokenBatch;

/**
 * The embedded bge-small-en-v1.5, loaded from its ONNX initializers into our BERT, against ONNX
 * Runtime running the same file: the last hidden state agrees to 1e-4 relative. Token ids are
 * checked against the vocabulary of the tokenizer file itself.
 */
class OnnxRuntimeParityTest {
    private static final List<String> SENTENCES = List.of(
            "MiniALBERT applies one shared transformer layer several times.",
            "The quick brown fox jumps over the lazy dog.",
            "Aspirin reduces the risk of heart attack in patients with coronary disease.",
            "short");
    private static NDManager manager;
    private static LoadedModel bge;

    @BeforeAll
    static void load() {
        manager = OfflineEngine.newManager();
        bge = new ModelLocator(ModelFactory.fromClasspath()).load("bge-small-en-v1.5", null, manager);
    }

    @AfterAll
    static void close() {
        bge.close();
        manager.close();
    }

    @Test
    void lastHiddenStateMatchesOnnxRuntime() throws OrtException {
        TokenBatch batch;
        try (TextTokenizer tokenizer = TextTokenizer.open(bge.tokenizer().orElseThrow(), 128)) {
            batch = tokenizer.batch(SENTENCES);
        }
        float[] ours;
        try (NDManager step = manager.newSubManager()) {
            ours = bge.model().encode(batch.slice(0, batch.rows(), step), ForwardContext.EVAL)
                    .lastHiddenState().toFloatArray();
        }
        float[] reference = runOnnxRuntime(batch);
        assertThat(ours).hasSize(batch.rows() * batch.length() * 384);
        assertClose("bge last_hidden_state vs ONNX Runtime", ours, reference, 1e-4);
    }

    private static float[] runOnnxRuntime(TokenBatch batch) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(EmbeddedModel.BGE_SMALL_EN_V15.onnxFile().toString(),
                new OrtSession.SessionOptions());
                OnnxTensor ids = tensor(environment, batch.inputIds(), batch);
                OnnxTensor mask = tensor(environment, batch.attentionMask(), batch);
                OnnxTensor types = tensor(environment, batch.tokenTypeIds(), batch);
                OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask,
                        "token_type_ids", types))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            float[] flat = new float[batch.rows() * batch.length() * 384];
            int i = 0;
            for (float[][] row : hidden) {
                for (float[] token : row) {
                    System.arraycopy(token, 0, flat, i, token.length);
                    i += token.length;
                }
            }
            return flat;
        }
    }

    private static OnnxTensor tensor(OrtEnvironment environment, long[] values, TokenBatch batch) throws OrtException {
        long[][] rows = new long[batch.rows()][];
        for (int r = 0; r < batch.rows(); r++) {
            rows[r] = Arrays.copyOfRange(values, r * batch.length(), (r + 1) * batch.length());
        }
        return OnnxTensor.createTensor(environment, rows);
    }

    @Test
    void tokenIdsAreThoseOfTheTokenizerFileVocabulary() throws IOException {
        JsonNode vocabulary = new ObjectMapper().readTree(bge.tokenizer().orElseThrow().toFile()).path("model").path("vocab");
        String sentence = "the quick brown fox jumps over the lazy dog";
        long[] expected = new long[] {
            vocabulary.path("[CLS]").asLong(), vocabulary.path("the").asLong(), vocabulary.path("quick").asLong(),
            vocabulary.path("brown").asLong(), vocabulary.path("fox").asLong(), vocabulary.path("jumps").asLong(),
            vocabulary.path("over").asLong(), vocabulary.path("the").asLong(), vocabulary.path("lazy").asLong(),
            vocabulary.path("dog").asLong(), vocabulary.path("[SEP]").asLong()};
        try (TextTokenizer tokenizer = TextTokenizer.open(bge.tokenizer().orElseThrow(), 128)) {
            assertThat(tokenizer.ids(sentence)).containsExactly(expected);
            assertThat(tokenizer.ids("Hello World")).as("lower-cased BERT uncased ids").containsExactly(
                    101L, vocabulary.path("hello").asLong(), vocabulary.path("world").asLong(), 102L);
            assertThat(tokenizer.ids("embeddings")).as("word pieces")
                    .containsExactly(101L, vocabulary.path("em").asLong(), vocabulary.path("##bed").asLong(),
                            vocabulary.path("##ding").asLong(), vocabulary.path("##s").asLong(), 102L);
        }
    }

    @Test
    void truncatesToMaxLength() {
        try (TextTokenizer tokenizer = TextTokenizer.open(bge.tokenizer().orElseThrow(), 6)) {
            long[] ids = tokenizer.ids("one two three four five six seven eight");
            assertThat(ids).hasSize(6);
            assertThat(ids[0]).isEqualTo(101L);
            assertThat(ids[5]).isEqualTo(102L);
        }
    }
}
