package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.DistillationBatch;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.core.engine.OfflineEngine;

/** hidden-mse and attention-mse against sums written out by hand on a batch of one sequence. */
class TinyBertLossTermsTest {

    /** One sequence of two tokens, the second padding: only the first row counts. */
    private static DistillationBatch batch(NDArray studentHidden, NDArray teacherHidden, NDArray studentAttention,
            NDArray teacherAttention) {
        return new DistillationBatch() {
            public NDArray studentHidden(int index) { return studentHidden; }
            public NDArray teacherHidden(int index) { return teacherHidden; }
            public NDArray studentAttention(int iteration) { return studentAttention; }
            public NDArray teacherAttention(int layer) { return teacherAttention; }
            public int teacherLayer(int pair) { return 0; }
            public NDArray tokenRows(NDArray x) { return x.get("0, 0:1").reshape(new Shape(1).addAll(x.getShape().slice(2))); }
            public NDArray tokenMask() { throw new UnsupportedOperationException(); }
            public NDArray studentLogits() { throw new UnsupportedOperationException(); }
            public NDArray teacherLogits() { return null; }
            public NDArray labels() { throw new UnsupportedOperationException(); }
        };
    }

    @Test
    void hiddenMseOverRealTokens() {
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray s = manager.create(new float[] {1, 2, 3, 9, 9, 9}, new Shape(1, 2, 3));
            NDArray t = manager.create(new float[] {2, 2, 5, 0, 0, 0}, new Shape(1, 2, 3));
            LossTerm term = new TinyBertLossTerms.HiddenMse().create(ConfigFactory.empty(), new LossShapes(3, 3, 1, 1),
                    new Weights(manager, 0.02f));
            assertThat(term.key()).isEqualTo("hidden-mse");
            assertThat(term.compute(batch(s, t, null, null), 0).getFloat()).isCloseTo((1f + 0f + 4f) / 3, within(1e-6f));
        }
    }

    @Test
    void hiddenMseProjectsANarrowerStudent() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights objective = new Weights(manager, 0.02f);
            LossTerm term = new TinyBertLossTerms.HiddenMse().create(ConfigFactory.empty(), new LossShapes(2, 3, 1, 1),
                    objective);
            objective.get("hidden_mse.projection.weight").value().set(new float[] {1, 0, 0, 1, 1, 1});
            NDArray s = manager.create(new float[] {1, 2, 7, 7}, new Shape(1, 2, 2));
            NDArray t = manager.create(new float[] {1, 2, 4, 0, 0, 0}, new Shape(1, 2, 3));
            // projection of (1, 2): (1, 2, 3); differences (0, 0, -1)
            assertThat(term.compute(batch(s, t, null, null), 0).getFloat()).isCloseTo(1f / 3, within(1e-6f));
        }
    }

    @Test
    void attentionMseAveragesHeadsWhenCountsDiffer() {
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray s = manager.create(new float[] {0.5f, 0.5f, 1, 0}, new Shape(1, 1, 2, 2));
            NDArray t = manager.create(new float[] {1, 0, 1, 0, 0, 1, 1, 0}, new Shape(1, 2, 2, 2));
            LossTerm term = new TinyBertLossTerms.AttentionMse().create(ConfigFactory.empty(), new LossShapes(4, 4, 1, 2),
                    new Weights(manager, 0.02f));
            // query row 0: student (0.5, 0.5), teacher head average ((1 + 0) / 2, (0 + 1) / 2) = (0.5, 0.5)
            assertThat(term.compute(batch(null, null, s, t), 0).getFloat()).isCloseTo(0f, within(1e-7f));
            NDArray same = manager.create(new float[] {1, 0, 1, 0}, new Shape(1, 1, 2, 2));
            LossTerm equalHeads = new TinyBertLossTerms.AttentionMse().create(ConfigFactory.empty(),
                    new LossShapes(4, 4, 1, 1), new Weights(manager, 0.02f));
            assertThat(equalHeads.compute(batch(null, null, s, same), 0).getFloat())
                    .isCloseTo((0.25f + 0.25f) / 2, within(1e-6f));
        }
    }
}
