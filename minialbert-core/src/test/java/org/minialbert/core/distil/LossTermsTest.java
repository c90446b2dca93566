package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.engine.OfflineEngine;

/**
 * Each loss term on hand-made inputs, computed independently in double precision: row selection,
 * reductions and the 1e-12 epsilons (which the golden batch cannot tell apart, since both models give
 * padded keys exactly zero probability and hidden states have norms near 1).
 */
class LossTermsTest {
    private NDManager manager;

    @BeforeEach
    void start() {
        manager = OfflineEngine.newManager();
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    /** One sequence of two positions, the second padded and labelled -100 unless given. */
    private LossRows rows(long[] mask, long[] labels) {
        Shape shape = new Shape(1, mask.length);
        return LossRows.of(manager.create(mask, shape), manager.create(labels, shape), manager);
    }

    @Test
    void selectsTokenAndLabelledRows() {
        LossRows rows = rows(new long[] {1, 1, 0}, new long[] {-100, 4, 7});
        assertThat(rows.tokenRows().toLongArray()).containsExactly(0, 1);
        assertThat(rows.labelledRows().toLongArray()).containsExactly(1, 2);
        assertThat(rows.labels().toLongArray()).containsExactly(4, 7);
        NDArray hidden = manager.arange(6f).reshape(1, 3, 2);
        assertThat(rows.labelled(hidden).toFloatArray()).containsExactly(2, 3, 4, 5);
    }

    @Test
    void rejectsABatchWithoutLabels() {
        assertThatThrownBy(() -> rows(new long[] {1, 1}, new long[] {-100, -100}))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("labelled");
    }

    @Test
    void attentionKlAddsEpsilonAndAveragesOverRowsTimesKeys() {
        LossRows rows = rows(new long[] {1, 0}, new long[] {5, -100});
        // (B=1, A=1, T=2, T=2); the second query row is padding and must not count
        NDArray student = manager.create(new float[] {1, 0, 0.9f, 0.1f}, new Shape(1, 1, 2, 2));
        NDArray teacher = manager.create(new float[] {0.5f, 0.5f, 0.1f, 0.9f}, new Shape(1, 1, 2, 2));
        double eps = 1e-12;
        double expected = (0.5 * (Math.log(0.5) - Math.log(1)) + 0.5 * (Math.log(0.5) - Math.log(eps))) / 2;
        assertThat(AttentionKlLoss.compute(student, teacher, rows.tokenMask()).getFloat()).isCloseTo((float) expected, within(1e-5f));
    }

    @Test
    void withoutPaddingEveryRowCounts() {
        LossRows rows = rows(new long[] {1, 1}, new long[] {5, -100});
        NDArray hidden = manager.arange(4f).reshape(1, 2, 2);
        assertThat(rows.tokens(hidden).getShape()).isEqualTo(new Shape(2, 2));
        assertThat(rows.tokens(hidden).toFloatArray()).containsExactly(0, 1, 2, 3);
        NDArray student = manager.create(new float[] {1, 0, 0.9f, 0.1f}, new Shape(1, 1, 2, 2));
        NDArray teacher = manager.create(new float[] {0.5f, 0.5f, 0.1f, 0.9f}, new Shape(1, 1, 2, 2));
        double eps = 1e-12;
        double expected = (0.5 * (Math.log(0.5) - Math.log(1)) + 0.5 * (Math.log(0.5) - Math.log(eps))
                + 0.1 * (Math.log(0.1) - Math.log(0.9)) + 0.9 * (Math.log(0.9) - Math.log(0.1))) / 4;
        assertThat(AttentionKlLoss.compute(student, teacher, rows.tokenMask()).getFloat())
                .isCloseTo((float) expected, within(1e-5f));
    }

    @Test
    void hiddenCosineAddsEpsilonToBothSquaredNorms() {
        LossRows rows = rows(new long[] {1, 1, 0}, new long[] {5, -100, -100});
        NDArray student = manager.create(new float[] {1e-6f, 0, 3, 4, 9, 9}, new Shape(1, 3, 2));
        NDArray teacher = manager.create(new float[] {1e-6f, 0, 4, 3, -9, 9}, new Shape(1, 3, 2));
        // row 0: x·y = 1e-12, (|x|² + 1e-12)(|y|² + 1e-12) = (2e-12)², cos = 1e-12 / 2e-12; row 1: cos = 24/25
        double expected = ((1 - 0.5) + (1 - 24.0 / 25)) / 2;
        assertThat(HiddenCosineLoss.compute(student, teacher, rows::tokens).getFloat()).isCloseTo((float) expected, within(1e-6f));
    }

    @Test
    void maskedLmCrossEntropyIsTheMeanOverLabelledRows() {
        NDArray logits = manager.create(new float[] {1, 2, 3, 0, 0, 1}, new Shape(2, 3));
        NDArray labels = manager.create(new long[] {2, 0});
        double row0 = -(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double row1 = -(0 - Math.log(2 + Math.E));
        assertThat(MaskedLmLoss.compute(logits, labels).getFloat()).isCloseTo((float) ((row0 + row1) / 2), within(1e-6f));
    }

    @Test
    void outputKlIsTemperatureSquaredTimesBatchMean() {
        float[] s = {1, 2, 3, 0, 0, 1};
        float[] t = {3, 1, 0, 1, 1, 2};
        float tau = 2;
        double sum = 0;
        for (int row = 0; row < 2; row++) {
            double[] p = softmax(t, row, tau);
            double[] q = softmax(s, row, tau);
            for (int v = 0; v < 3; v++) {
                sum += p[v] * (Math.log(p[v]) - Math.log(q[v]));
            }
        }
        double expected = tau * tau * sum / 2;
        NDArray actual = OutputKlLoss.compute(manager.create(s, new Shape(2, 3)), manager.create(t, new Shape(2, 3)), tau);
        assertThat(actual.getFloat()).isCloseTo((float) expected, within(1e-6f));
    }

    private static double[] softmax(float[] logits, int row, float tau) {
        double[] out = new double[3];
        double total = 0;
        for (int v = 0; v < 3; v++) {
            out[v] = Math.exp(logits[row * 3 + v] / tau);
            total += out[v];
        }
        for (int v = 0; v < 3; v++) {
            out[v] /= total;
        }
        return out;
    }
}
