package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;

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
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().readTree("{\"model_type\":\"bert\","
                + "\"vocab_size\":30,\"hidden_size\":16,\"num_hidden_layers\":3,\"num_attention_heads\":2,"
                + "\"intermediate_size\":32,\"max_position_embeddings\":16}"), "test");
        ForwardContext context = train ? ForwardContext.TRAIN : ForwardContext.EVAL;
        try (EncoderModel teacher = factory.create(config, HeadKind.MASKED_LM, 0, manager);
                NDManager step = manager.newSubManager()) {
            // two rows, the second padded, with three labelled positions
            EncoderInputs inputs = EncoderInputs.of(step, new long[] {2, 5, 7, 9, 3, 0, 2, 8, 4, 3, 0, 0},
                    new long[] {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0}, new long[12], 2, 6);
            long[] labels = new long[12];
            Arrays.fill(labels, LossRows.IGNORED);
            labels[1] = 11;
            labels[3] = 12;
            labels[8] = 13;
            LossRows rows = LossRows.of(inputs.attentionMask(), step.create(labels, new Shape(2, 6)), step);

            int before = manager.getManagedArrays().size();
            ForwardContext.seedDropout(7);
            TeacherSignals signals = TeacherSignals.of(teacher, inputs, rows, context, logits);
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

    private static void assertEqualValues(String what, NDArray signal, NDArray plain) {
        assertThat(signal.getShape()).as(what).isEqualTo(plain.getShape());
        assertThat(signal.toFloatArray()).as(what).containsExactly(plain.toFloatArray());
    }
}
