package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;

/**
 * The teacher's signals are its plain forward pass, detached, and they are all the pass leaves
 * allocated: the rest of its arrays are freed when it ends, and what is kept stays readable. In
 * training mode both passes draw the same dropout masks from the same seed.
 */
class TeacherSignalsTest extends EngineTest {

    @ParameterizedTest(name = "train mode {0}, logits {1}")
    @CsvSource({"false, true", "true, false"})
    void areThePlainPassAndAllItLeavesAllocated(boolean train, boolean logits) throws IOException {
        ForwardContext context = train ? ForwardContext.TRAIN : ForwardContext.EVAL;
        try (EncoderModel teacher = factory.create(teacherConfig(), HeadKind.MASKED_LM, 0, manager);
                NDManager step = manager.newSubManager()) {
            EncoderInputs inputs = twoRowsOnePadded(step);
            LossRows rows = labelledAt(inputs, step, 1, 3, 8);

            int before = manager.getManagedArrays().size();
            ForwardContext.seedDropout(7);
            TeacherSignals signals = TeacherSignals.of(teacher, inputs, rows, context, logits, layer -> true);
            int kept = manager.getManagedArrays().size() - before;

            ForwardContext.seedDropout(7);
            EncoderOutputs plain = teacher.encode(inputs, context);
            assertThat(signals.outputs().hiddenStates()).hasSize(4);
            assertThat(signals.outputs().attentions()).hasSize(3);
            for (int i = 0; i < 4; i++) {
                assertEqualValues("hidden state " + i, signals.outputs().hiddenStates().get(i), plain.hiddenStates().get(i));
            }
            for (int i = 0; i < 3; i++) {
                assertEqualValues("attention map " + i, signals.outputs().attentions().get(i), plain.attentions().get(i));
            }
            if (logits) {
                assertEqualValues("labelled logits", signals.labelledLogits(),
                        teacher.maskedLmLogits(rows.labelled(plain.lastHiddenState())));
                assertThat(signals.labelledLogits().getShape()).isEqualTo(new Shape(3, 30));
            } else {
                assertThat(signals.labelledLogits()).isNull();
            }
            assertThat(kept).as("arrays left allocated by the teacher's pass: 4 hidden states, 3 maps, the logits if asked")
                    .isEqualTo(logits ? 8 : 7);
        }
    }

    /**
     * Only the layers asked for keep their maps; the others run without (fused where dropout allows,
     * so the hidden states agree with the plain pass to float rounding in evaluation mode and exactly
     * in training mode), and a term reading a map nobody declared is told so.
     */
    @ParameterizedTest(name = "train mode {0}")
    @CsvSource({"false", "true"})
    void keepOnlyTheMapsAskedFor(boolean train) throws IOException {
        ForwardContext context = train ? ForwardContext.TRAIN : ForwardContext.EVAL;
        try (EncoderModel teacher = factory.create(teacherConfig(), HeadKind.MASKED_LM, 0, manager);
                NDManager step = manager.newSubManager()) {
            EncoderInputs inputs = twoRowsOnePadded(step);
            LossRows rows = labelledAt(inputs, step, 1);

            int before = manager.getManagedArrays().size();
            ForwardContext.seedDropout(7);
            TeacherSignals signals = TeacherSignals.of(teacher, inputs, rows, context, false, layer -> layer == 1);
            int kept = manager.getManagedArrays().size() - before;

            ForwardContext.seedDropout(7);
            EncoderOutputs plain = teacher.encode(inputs, context);
            assertThat(signals.outputs().attentions()).hasSize(3);
            assertThat(signals.outputs().attentions().get(0)).isNull();
            assertThat(signals.outputs().attentions().get(2)).isNull();
            assertClose("attention map 1", signals.outputs().attentions().get(1), plain.attentions().get(1), train);
            for (int i = 0; i < 4; i++) {
                assertClose("hidden state " + i, signals.outputs().hiddenStates().get(i), plain.hiddenStates().get(i),
                        train);
            }
            assertThat(kept).as("arrays left allocated: 4 hidden states and the one map asked for").isEqualTo(5);

            BatchSignals batch = new BatchSignals(null, null, signals, rows, LayerMapping.of(1));
            assertThat(batch.teacherAttention(1).getShape()).isEqualTo(new Shape(2, 2, 6, 6));
            assertThatThrownBy(() -> batch.teacherAttention(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not keep the attention map of layer 2");
        }
    }

    /** A three-layer BERT teacher with an MLM head over a vocabulary of 30. */
    private static EncoderConfig teacherConfig() throws IOException {
        return EncoderConfig.parse(new ObjectMapper().readTree("{\"model_type\":\"bert\","
                + "\"vocab_size\":30,\"hidden_size\":16,\"num_hidden_layers\":3,\"num_attention_heads\":2,"
                + "\"intermediate_size\":32,\"max_position_embeddings\":16}"), "test");
    }

    /** Two rows of six tokens, the second padded. */
    private static EncoderInputs twoRowsOnePadded(NDManager step) {
        return EncoderInputs.of(step, new long[] {2, 5, 7, 9, 3, 0, 2, 8, 4, 3, 0, 0},
                new long[] {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0}, new long[12], 2, 6);
    }

    /** The rows of {@code inputs} with labels 11, 12, ... at the given flat positions. */
    private static LossRows labelledAt(EncoderInputs inputs, NDManager step, int... positions) {
        long[] labels = new long[12];
        Arrays.fill(labels, LossRows.IGNORED);
        for (int i = 0; i < positions.length; i++) {
            labels[positions[i]] = 11 + i;
        }
        return LossRows.of(inputs.attentionMask(), step.create(labels, new Shape(2, 6)), step);
    }

    private static void assertClose(String what, NDArray signal, NDArray plain, boolean exact) {
        if (exact) {
            assertEqualValues(what, signal, plain);
            return;
        }
        assertThat(signal.getShape()).as(what).isEqualTo(plain.getShape());
        float[] expected = plain.toFloatArray();
        float[] actual = signal.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as(what + " [" + i + "]")
                    .isCloseTo(expected[i], within(1e-5f + 1e-4f * Math.abs(expected[i])));
        }
    }

    private static void assertEqualValues(String what, NDArray signal, NDArray plain) {
        assertThat(signal.getShape()).as(what).isEqualTo(plain.getShape());
        assertThat(signal.toFloatArray()).as(what).containsExactly(plain.toFloatArray());
    }
}
