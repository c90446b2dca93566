package org.minialbert.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.minialbert.api.MiniAlbertException;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelFactory;

/**
 * What an update does when its gradients are not finite: a fault that a recomputation does not
 * reproduce is reported and the update applied from the finite gradients; one that it reproduces
 * stops the run before any weight changes.
 */
class FineTuneStepTest {

    /** The sum of the classifier's weights; with {@code poisoned}, plus 0·sqrt(w - w), whose gradient is NaN. */
    private static Function<NDManager, NDArray> objective(Weight classifier, AtomicInteger calls, int poisonedCalls) {
        return scope -> {
            NDArray w = classifier.value();
            NDArray loss = w.sum();
            if (calls.getAndIncrement() < poisonedCalls) {
                loss = loss.add(w.sub(w).sqrt().mul(0f).sum());
            }
            return loss;
        };
    }

    private static EncoderModel tinyModel(NDManager manager) {
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().valueToTree(Map.of("model_type", "bert",
                "vocab_size", 50, "hidden_size", 8, "num_hidden_layers", 1, "num_attention_heads", 2,
                "intermediate_size", 16, "max_position_embeddings", 16)), "tiny").withLabels(java.util.List.of("a", "b"));
        return ModelFactory.fromClasspath().create(config, HeadKind.SEQUENCE_CLASSIFICATION, 2, manager);
    }

    private static Weight classifier(EncoderModel model) {
        return model.weights().all().stream().filter(w -> w.name().endsWith("classifier.weight")).findFirst().orElseThrow();
    }

    @Test
    void aFaultThatDoesNotRecurIsReportedAndTheUpdateApplied() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (NDManager manager = OfflineEngine.newManager(); EncoderModel model = tinyModel(manager)) {
            FineTuneStep step = new FineTuneStep(model, FineTuneSettings.reference(false, 1e-2f, 1, 1, 3),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            Weight classifier = classifier(model);
            float[] before = classifier.value().toFloatArray();
            AtomicInteger calls = new AtomicInteger();
            float loss = step.run(4, 1e-2f, "rte", objective(classifier, calls, 1));

            assertThat(calls).hasValue(2);
            assertThat(loss).isFinite();
            float[] after = classifier.value().toFloatArray();
            for (int i = 0; i < after.length; i++) {
                assertThat(after[i]).as("AdamW's first step moves each weight by lr against the gradient sign (+1)")
                        .isFinite().isLessThan(before[i]);
            }
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("rte: update 5 was not finite (loss",
                    "gradient norm NaN; non-finite gradients in 1 of", "classifier.weight",
                    "computed again with the same batch, seed and weights it is");
        }
    }

    @Test
    void aFaultThatRecursStopsTheRunBeforeAnyWeightChanges() {
        try (NDManager manager = OfflineEngine.newManager(); EncoderModel model = tinyModel(manager)) {
            FineTuneStep step = new FineTuneStep(model, FineTuneSettings.reference(false, 1e-2f, 1, 1, 3),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            Weight classifier = classifier(model);
            float[] before = classifier.value().toFloatArray();
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> step.run(0, 1e-2f, "rte", objective(classifier, calls, 2)))
                    .isInstanceOf(MiniAlbertException.class)
                    .hasMessageContaining("rte: training diverged at update 1")
                    .hasMessageContaining("classifier.weight");
            assertThat(calls).hasValue(2);
            assertThat(classifier.value().toFloatArray()).containsExactly(before);
        }
    }
}
