package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.core.engine.OfflineEngine;

/** Counts by group against the closed-form sizes of the architecture (spec section 2). */
class ParameterCountsTest {

    @Test
    void studentCountsFollowTheFormulas() {
        int v = 100;
        int h = 32;
        int e = 16;
        int n = 3;
        int i = 64;
        int p = 40;
        int r = 4;
        long embeddings = (long) v * e + (long) p * e + 2L * e + 2L * e;
        long projection = (long) e * h + h;
        long layer = 4L * (h * h + h) + 2L * h + (long) h * i + i + (long) i * h + h + 2L * h;
        long adapter = (long) h * (h / r) + h / r + (long) (h / r) * h + h + 2L * h;
        long head = (long) h * h + h + 2L * h + (long) h * v + v;
        try (NDManager manager = OfflineEngine.newManager();
                EncoderModel model = ModelFactory.fromClasspath().create(TinyModels.student(Map.of()),
                        HeadKind.MASKED_LM, 0, manager)) {
            ParameterCounts counts = ParameterCounts.of(model.weights());
            assertThat(counts.group(WeightGroup.EMBEDDINGS)).isEqualTo(embeddings);
            assertThat(counts.group(WeightGroup.PROJECTION)).isEqualTo(projection);
            assertThat(counts.group(WeightGroup.LAYERS)).as("one shared layer").isEqualTo(layer);
            assertThat(counts.group(WeightGroup.ADAPTATION)).as("two adapters per iteration").isEqualTo(2L * n * adapter);
            assertThat(counts.group(WeightGroup.HEAD)).isEqualTo(head);
            assertThat(counts.encoder()).isEqualTo(embeddings + projection + layer + 2L * n * adapter);
            assertThat(counts.total()).isEqualTo(counts.encoder() + head);
        }
    }

    @Test
    void unsharedEncoderHasOneLayerPerIteration() {
        try (NDManager manager = OfflineEngine.newManager();
                EncoderModel shared = ModelFactory.fromClasspath().create(TinyModels.student(Map.of()),
                        HeadKind.NONE, 0, manager);
                EncoderModel unshared = ModelFactory.fromClasspath().create(
                        TinyModels.student(Map.of("minialbert_sharing", "none")), HeadKind.NONE, 0, manager)) {
            assertThat(ParameterCounts.of(unshared.weights()).group(WeightGroup.LAYERS))
                    .isEqualTo(3 * ParameterCounts.of(shared.weights()).group(WeightGroup.LAYERS));
        }
    }
}
