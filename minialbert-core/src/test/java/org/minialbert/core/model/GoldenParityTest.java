package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minialbert.core.TensorAssertions.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.SharedFiles;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;

/**
 * Forward parity with the PyTorch reference: every folder of {@code shared/golden} holds a model,
 * a batch and the reference's hidden states, attention maps and logits (eval mode).
 */
class GoldenParityTest extends EngineTest {
    private static final double TOLERANCE = 1e-5;

    /** Every golden folder with its head, once with the attention maps kept and once skipped. */
    static Stream<Arguments> foldersWithAndWithoutMaps() {
        Map<String, HeadKind> folders = new LinkedHashMap<>();
        folders.put("teacher", HeadKind.MASKED_LM);
        folders.put("student-plain", HeadKind.MASKED_LM);
        folders.put("student-adapters", HeadKind.MASKED_LM);
        folders.put("student-plain-seq-cls", HeadKind.SEQUENCE_CLASSIFICATION);
        folders.put("student-adapters-seq-cls", HeadKind.SEQUENCE_CLASSIFICATION);
        folders.put("student-plain-tok-cls", HeadKind.TOKEN_CLASSIFICATION);
        folders.put("student-adapters-tok-cls", HeadKind.TOKEN_CLASSIFICATION);
        return folders.entrySet().stream().flatMap(folder -> Stream.of(AttentionMaps.values())
                .map(maps -> Arguments.of(folder.getKey(), folder.getValue(), maps)));
    }

    /**
     * With {@link AttentionMaps#SKIP} attention runs as one fused operator (with the padding mask: the
     * golden batches are padded), and the hidden states and logits must match all the same.
     */
    @ParameterizedTest(name = "{0}, maps {2}")
    @MethodSource("foldersWithAndWithoutMaps")
    void matchesTheReference(String folder, HeadKind head, AttentionMaps maps) {
        Path dir = SharedFiles.require("golden/" + folder);
        Map<String, TensorData> expected = Safetensors.read(dir.resolve("expected.safetensors"));
        try (NDManager step = manager.newSubManager();
                EncoderModel model = ModelCheckpoint.load(dir, head, factory, manager)) {
            EncoderInputs batch = GoldenBatch.inputs(expected, step);
            assertThat(batch.attentionMask().min().getLong()).as("the batch is padded").isZero();
            ModelOutputs outputs = model.forward(batch, ForwardContext.EVAL, maps);
            EncoderOutputs encoder = outputs.encoder();
            int checked = 0;
            for (int i = 0; i < encoder.hiddenStates().size(); i++) {
                TensorData hidden = expected.get("hidden_states." + i);
                if (hidden != null) {
                    assertClose(folder + " hidden_states." + i, encoder.hiddenStates().get(i), hidden, TOLERANCE);
                    checked++;
                }
            }
            assertThat(encoder.attentions()).as("attention maps").hasSize(
                    maps == AttentionMaps.KEEP ? model.config().layers() : 0);
            for (int i = 0; i < encoder.attentions().size(); i++) {
                TensorData attention = expected.get("attentions." + i);
                if (attention != null) {
                    assertClose(folder + " attentions." + i, encoder.attentions().get(i), attention, TOLERANCE);
                    checked++;
                }
            }
            assertClose(folder + " logits", outputs.logits(), expected.get("logits"), TOLERANCE);
            int maskedLmTensors = (maps == AttentionMaps.KEEP ? 2 : 1) * model.config().layers() + 2;
            assertThat(checked + 1).as("tensors compared").isGreaterThanOrEqualTo(
                    head == HeadKind.MASKED_LM ? maskedLmTensors : 1);
        }
    }

    /**
     * The golden batch's first row has no padding: run alone, it takes the path without a mask bias
     * (the fused operator's unmasked form with {@link AttentionMaps#SKIP}), and must give the
     * reference's first row.
     */
    @ParameterizedTest(name = "{0}, maps {1}")
    @CsvSource({"teacher, KEEP", "teacher, SKIP", "student-adapters, KEEP", "student-adapters, SKIP"})
    void anUnpaddedRowAloneMatchesTheReference(String folder, AttentionMaps maps) {
        Path dir = SharedFiles.require("golden/" + folder);
        Map<String, TensorData> expected = Safetensors.read(dir.resolve("expected.safetensors"));
        try (NDManager step = manager.newSubManager();
                EncoderModel model = ModelCheckpoint.load(dir, HeadKind.MASKED_LM, factory, manager)) {
            EncoderInputs batch = GoldenBatch.inputs(expected, step);
            assertThat(batch.attentionMask().get("0").min().getLong()).as("row 0 is unpadded").isEqualTo(1);
            EncoderInputs row = new EncoderInputs(batch.inputIds().get("0:1"), batch.attentionMask().get("0:1"),
                    batch.tokenTypeIds().get("0:1"));
            EncoderOutputs encoder = model.forward(row, ForwardContext.EVAL, maps).encoder();
            int last = encoder.hiddenStates().size() - 1;
            NDArray hidden = expected.get("hidden_states." + last).toNDArray(step).get("0:1");
            NDArray attention = expected.get("attentions." + (last - 1)).toNDArray(step).get("0:1");
            assertClose(folder + " row 0 last hidden state", encoder.hiddenStates().get(last).toFloatArray(),
                    hidden.toFloatArray(), TOLERANCE);
            if (maps == AttentionMaps.KEEP) {
                assertClose(folder + " row 0 last attention map", encoder.attentions().get(last - 1).toFloatArray(),
                        attention.toFloatArray(), TOLERANCE);
            } else {
                assertThat(encoder.attentions()).as("attention maps").isEmpty();
            }
        }
    }
}
