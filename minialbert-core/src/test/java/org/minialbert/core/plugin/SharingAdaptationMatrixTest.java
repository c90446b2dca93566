package org.minialbert.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ParameterCounts;

/**
 * Every sharing scheme with every adaptation: a student runs forward and backward, every weight
 * receives a gradient, and the layer and adaptation parameter counts follow their formulas.
 */
class SharingAdaptationMatrixTest extends EngineTest {
    private static final int H = 16;
    private static final int I = 32;
    private static final int N = 4;
    private static final int HEADS = 2;
    private static final int M = 2;



    static Stream<Arguments> combinations() {
        List<Map<String, Object>> sharings = List.of(Map.of("type", "all-shared"), Map.of("type", "none"),
                Map.of("type", "sequence", "unique-layers", M), Map.of("type", "cycle", "unique-layers", M),
                Map.of("type", "cycle-rev", "unique-layers", M), Map.of("type", "partial", "shared", "attention"),
                Map.of("type", "partial", "shared", "feed-forward"));
        List<Map<String, Object>> adaptations = List.of(Map.of("type", "bottleneck", "reduction-factor", 4),
                Map.of("type", "houlsby", "reduction-factor", 4), Map.of("type", "pfeiffer", "reduction-factor", 4),
                Map.of("type", "lora", "rank", 2), Map.of("type", "lora", "rank", 2, "targets", List.of("all")),
                Map.of("type", "layer-norm"), Map.of("type", "bias"), Map.of("type", "prefix", "length", 3),
                Map.of("type", "none"));
        List<Arguments> all = new ArrayList<>();
        for (Map<String, Object> sharing : sharings) {
            for (Map<String, Object> adaptation : adaptations) {
                all.add(Arguments.of(sharing, adaptation));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("combinations")
    void runsForwardAndBackwardWithCountsByFormula(Map<String, Object> sharing, Map<String, Object> adaptation) {
        Map<String, Object> json = new HashMap<>(Map.of("model_type", "albert", "vocab_size", 50, "hidden_size", H,
                "embedding_size", 8, "num_hidden_layers", N, "num_attention_heads", HEADS, "intermediate_size", I,
                "max_position_embeddings", 16));
        json.put("minialbert_sharing", sharing);
        json.put("minialbert_adaptation", List.of(adaptation));
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().valueToTree(json), "matrix");
        Engine engine = OfflineEngine.pytorch();
        try (EncoderModel model = factory.create(config, HeadKind.NONE, 0, manager);
                NDManager step = manager.newSubManager()) {
            for (Weight weight : model.weights().all()) {
                weight.value().setRequiresGradient(true);
            }
            long[] ids = {2, 5, 7, 9, 3, 0, 2, 11, 12, 3, 0, 0};
            long[] mask = {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0};
            EncoderInputs inputs = EncoderInputs.of(step, ids, mask, new long[12], 2, 6);
            EncoderOutputs outputs;
            try (GradientCollector collector = engine.newGradientCollector()) {
                outputs = model.encode(inputs, ForwardContext.TRAIN);
                NDArray loss = outputs.lastHiddenState().square().mean();
                for (NDArray attention : outputs.attentions()) {
                    loss = loss.add(attention.mean());
                }
                collector.backward(loss);
            }
            assertThat(outputs.hiddenStates()).hasSize(N + 1);
            assertThat(outputs.attentions()).hasSize(N)
                    .allSatisfy(a -> assertThat(a.getShape()).isEqualTo(new Shape(2, HEADS, 6, 6)));
            for (Weight weight : model.weights().all()) {
                NDArray gradient = weight.value().getGradient();
                assertThat(gradient.getShape()).as(weight.name()).isEqualTo(weight.shape());
                gradient.close();
            }
            ParameterCounts counts = ParameterCounts.of(model.weights());
            assertThat(counts.group(WeightGroup.LAYERS)).as("layers").isEqualTo(expectedLayers(sharing));
            assertThat(counts.group(WeightGroup.ADAPTATION)).as("adaptation").isEqualTo(expectedAdaptation(adaptation));
        }
    }

    private static long expectedLayers(Map<String, Object> sharing) {
        long attention = 4L * (H * H + H) + 2L * H;
        long feedForward = (long) H * I + I + (long) I * H + H + 2L * H;
        switch ((String) sharing.get("type")) {
            case "none": return N * (attention + feedForward);
            case "sequence": case "cycle": case "cycle-rev": return M * (attention + feedForward);
            case "partial": return attention + feedForward + (N - 1) * ("attention".equals(sharing.get("shared"))
                    ? feedForward : attention);
            default: return attention + feedForward;
        }
    }

    private static long expectedAdaptation(Map<String, Object> adaptation) {
        long bottleneck = (long) H * (H / 4) + H / 4 + (long) (H / 4) * H + H;
        switch ((String) adaptation.get("type")) {
            case "bottleneck": return 2L * N * (bottleneck + 2L * H);
            case "houlsby": return 2L * N * bottleneck;
            case "pfeiffer": return (long) N * bottleneck;
            case "lora":
                long qv = 2L * (2L * H + (long) H * 2);
                long all = 4L * (2L * H + (long) H * 2) + (2L * H + (long) I * 2) + (2L * I + (long) H * 2);
                return N * (adaptation.containsKey("targets") ? all : qv);
            case "layer-norm": return N * 2L * 2L * H;
            case "bias": return N * 2L * H;
            case "prefix": return N * 2L * HEADS * 3 * (H / HEADS);
            default: return 0;
        }
    }
}
