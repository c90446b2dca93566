package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minialbert.core.TensorAssertions.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.engine.OfflineEngine;

/**
 * A pass without attention maps ({@link AttentionMaps#SKIP}) computes what a pass with them does:
 * through the fused operator where attention dropout is inactive (any adaptation, including a
 * key/value prefix, with padding), and through the same dropout masks where it is active.
 */
class AttentionMapsTest extends EngineTest {
    private static final double TOLERANCE = 1e-5;
    private static final int ITERATIONS = 3;

    static Stream<Map<String, Object>> adaptations() {
        return Stream.of(Map.of(), Map.of("use_adapter", false),
                Map.of("use_adapter", false, "minialbert_adaptation", List.of(Map.of("type", "prefix", "length", 3))),
                Map.of("use_adapter", false, "minialbert_adaptation", List.of(Map.of("type", "lora", "rank", 2))));
    }

    /** Two rows of six tokens, the second padded after four. */
    private static EncoderInputs paddedBatch(NDManager manager) {
        return EncoderInputs.of(manager, new long[] {2, 15, 27, 9, 33, 3, 2, 41, 12, 3, 0, 0},
                new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, new long[12], 2, 6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptations")
    void evaluationWithoutMapsGivesTheSameHiddenStates(Map<String, Object> adaptation) {
        try (EncoderModel model = factory.create(TinyModels.student(adaptation), HeadKind.NONE, 0, manager);
                NDManager step = manager.newSubManager()) {
            EncoderInputs inputs = paddedBatch(step);
            EncoderOutputs kept = model.encode(inputs, ForwardContext.EVAL, AttentionMaps.KEEP);
            EncoderOutputs skipped = model.encode(inputs, ForwardContext.EVAL, AttentionMaps.SKIP);
            assertThat(kept.attentions()).hasSize(ITERATIONS);
            assertThat(skipped.attentions()).isEmpty();
            assertSameHiddenStates(kept, skipped);
        }
    }

    /** With attention dropout active the maps path runs either way: the same masks, the same bits. */
    @Test
    void trainingWithAttentionDropoutDrawsTheSameMasks() {
        try (EncoderModel model = factory.create(TinyModels.student(Map.of("attention_probs_dropout_prob", 0.2)),
                HeadKind.NONE, 0, manager); NDManager step = manager.newSubManager()) {
            EncoderInputs inputs = paddedBatch(step);
            OfflineEngine.seed(5);
            float[] kept = model.encode(inputs, ForwardContext.TRAIN, AttentionMaps.KEEP).lastHiddenState()
                    .toFloatArray();
            OfflineEngine.seed(5);
            float[] skipped = model.encode(inputs, ForwardContext.TRAIN, AttentionMaps.SKIP).lastHiddenState()
                    .toFloatArray();
            assertThat(skipped).containsExactly(kept);
        }
    }

    /**
     * Without attention dropout a training pass takes the fused operator too, and the weights get the
     * gradients they get through the maps path (hidden dropout off, so both passes are deterministic),
     * for every adaptation (a key/value prefix's trainable keys reach the operator, with more keys than
     * queries). Errors are measured against each weight's largest gradient, but at least a thousandth
     * of the largest of all: some are zero by construction (the key bias shifts a query's scores all by
     * the same amount, which softmax ignores), and their own scale is rounding noise.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptations")
    void trainingWithoutAttentionDropoutGivesTheSameGradients(Map<String, Object> adaptation) {
        Map<String, Object> config = new HashMap<>(adaptation);
        config.putAll(Map.of("attention_probs_dropout_prob", 0.0, "hidden_dropout_prob", 0.0));
        try (EncoderModel model = factory.create(TinyModels.student(config), HeadKind.NONE, 0, manager);
                NDManager step = manager.newSubManager()) {
            model.weights().all().forEach(w -> w.value().setRequiresGradient(true));
            EncoderInputs inputs = paddedBatch(step);
            NDArray direction = step.randomNormal(new Shape(2, 6, 32));
            List<float[]> kept = gradients(model, inputs, direction, AttentionMaps.KEEP);
            List<float[]> skipped = gradients(model, inputs, direction, AttentionMaps.SKIP);
            double largest = 0;
            for (float[] gradient : kept) {
                for (float g : gradient) {
                    largest = Math.max(largest, Math.abs(g));
                }
            }
            assertThat(largest).as("largest gradient").isGreaterThan(1e-3);
            List<Weight> weights = List.copyOf(model.weights().all());
            for (int i = 0; i < weights.size(); i++) {
                assertClose("gradient of " + weights.get(i).name(), skipped.get(i), kept.get(i), 1e-4, 1e-3 * largest);
            }
        }
    }

    /** The fused operator runs exactly when the maps are skipped and attention dropout changes nothing. */
    @Test
    void fusedAttentionRunsWithoutMapsAndWithoutAttentionDropout() {
        assertThat(AttentionBlock.fused(AttentionMaps.SKIP, ForwardContext.EVAL, 0.1f)).isTrue();
        assertThat(AttentionBlock.fused(AttentionMaps.SKIP, ForwardContext.TRAIN, 0f)).isTrue();
        assertThat(AttentionBlock.fused(AttentionMaps.SKIP, ForwardContext.TRAIN, 0.1f)).isFalse();
        assertThat(AttentionBlock.fused(AttentionMaps.KEEP, ForwardContext.EVAL, 0.1f)).isFalse();
        assertThat(AttentionBlock.fused(AttentionMaps.KEEP, ForwardContext.TRAIN, 0f)).isFalse();
    }

    /** The weights' gradients of {@code sum(last hidden state * direction)}. */
    private static List<float[]> gradients(EncoderModel model, EncoderInputs inputs, NDArray direction,
            AttentionMaps maps) {
        try (GradientCollector collector = OfflineEngine.pytorch().newGradientCollector()) {
            NDArray hidden = model.encode(inputs, ForwardContext.TRAIN, maps).lastHiddenState();
            collector.backward(hidden.mul(direction).sum());
        }
        List<float[]> gradients = new ArrayList<>();
        for (Weight weight : model.weights().all()) {
            try (NDArray gradient = weight.value().getGradient()) {
                gradients.add(gradient.toFloatArray());
            }
            weight.dropGradient();
        }
        return gradients;
    }

    private static void assertSameHiddenStates(EncoderOutputs expected, EncoderOutputs actual) {
        assertThat(actual.hiddenStates()).hasSameSizeAs(expected.hiddenStates());
        for (int i = 0; i < expected.hiddenStates().size(); i++) {
            assertClose("hidden state " + i, actual.hiddenStates().get(i).toFloatArray(),
                    expected.hiddenStates().get(i).toFloatArray(), TOLERANCE);
        }
    }
}
