package org.minialbert.tasks.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.minialbert.api.task.SentenceTask;

/** Every metric against a value worked out by hand in the comment above it. */
class GlueMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void matthewsOnABinaryConfusionMatrix() {
        // gold 1 1 1 1 0 0 / pred 1 1 1 0 1 0: TP 3, FN 1, FP 1, TN 1
        // (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (3 - 1) / sqrt(4 * 4 * 2 * 2) = 2 / 8 = 0.25
        assertThat(GlueMetrics.matthews(new int[] {1, 1, 1, 0, 1, 0}, new int[] {1, 1, 1, 1, 0, 0}))
                .isCloseTo(0.25, within(EPS));
        // every prediction wrong: (0 * 0 - 2 * 2) / sqrt(2 * 2 * 2 * 2) = -1
        assertThat(GlueMetrics.matthews(new int[] {1, 0, 1, 0}, new int[] {0, 1, 0, 1})).isCloseTo(-1.0, within(EPS));
    }

    @Test
    void matthewsMulticlassFollowsScikitLearn() {
        // gold 2 0 2 2 0 1 / pred 0 0 2 2 0 2: s = 6, correct c = 4,
        // gold counts t = (2, 1, 3), predicted counts p = (3, 0, 3)
        // c s - p.t = 24 - (6 + 0 + 9) = 9; s^2 - p.p = 36 - 18 = 18; s^2 - t.t = 36 - 14 = 22 -> 9 / sqrt(396)
        assertThat(GlueMetrics.matthews(new int[] {0, 0, 2, 2, 0, 2}, new int[] {2, 0, 2, 2, 0, 1}))
                .isCloseTo(9 / Math.sqrt(396), within(EPS));
    }

    @Test
    void matthewsDegenerateCasesAreZero() {
        // one gold class only: t = (0, 4), s^2 - t.t = 16 - 16 = 0 -> denominator 0 -> 0 (scikit-learn)
        assertThat(GlueMetrics.matthews(new int[] {1, 0, 1, 1}, new int[] {1, 1, 1, 1})).isEqualTo(0.0);
        // constant predictions: p = (0, 4), s^2 - p.p = 0 -> 0
        assertThat(GlueMetrics.matthews(new int[] {1, 1, 1, 1}, new int[] {1, 0, 1, 0})).isEqualTo(0.0);
    }

    @Test
    void accuracy() {
        // pred 1 0 1 1 / gold 1 1 1 0: positions 0 and 2 agree -> 2 / 4
        assertThat(GlueMetrics.accuracy(new int[] {1, 0, 1, 1}, new int[] {1, 1, 1, 0})).isEqualTo(0.5);
    }

    @Test
    void f1OfThePositiveClass() {
        // pred 1 1 0 0 1 / gold 1 0 1 0 1: TP 2 (0, 4), FP 1 (1), FN 1 (2) -> 2 TP / (2 TP + FP + FN) = 4 / 6
        assertThat(GlueMetrics.f1(new int[] {1, 1, 0, 0, 1}, new int[] {1, 0, 1, 0, 1}))
                .isCloseTo(2.0 / 3, within(EPS));
        // no positive prediction, two positive gold: TP 0, FN 2 -> 0 / 2 = 0
        assertThat(GlueMetrics.f1(new int[] {0, 0, 0}, new int[] {1, 0, 1})).isEqualTo(0.0);
        // no positives at all: 0 / 0 -> 0 (scikit-learn's zero_division default), not NaN
        assertThat(GlueMetrics.f1(new int[] {0, 0}, new int[] {0, 0})).isEqualTo(0.0);
    }

    @Test
    void pearson() {
        // x 1 2 3 4 (mean 2.5), y 2 4 5 9 (mean 5): dx -1.5 -0.5 0.5 1.5, dy -3 -1 0 4
        // sum dx dy = 4.5 + 0.5 + 0 + 6 = 11; sum dx^2 = 5; sum dy^2 = 9 + 1 + 0 + 16 = 26 -> 11 / sqrt(130)
        assertThat(GlueMetrics.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 9}))
                .isCloseTo(11 / Math.sqrt(130), within(EPS));
        // a constant input is NaN in SciPy; here 0 (0.1 three times would not centre to exactly 0)
        assertThat(GlueMetrics.pearson(new double[] {0.1, 0.1, 0.1}, new double[] {1, 2, 3})).isEqualTo(0.0);
    }

    @Test
    void spearmanWithTies() {
        // ranks of x 1 2 2 3 are 1 2.5 2.5 4 (the tie shares ranks 2 and 3); ranks of y 1 3 2 4 are 1 3 2 4
        // both mean 2.5: dx -1.5 0 0 1.5, dy -1.5 0.5 -0.5 1.5; sum dx dy = 4.5, sum dx^2 = 4.5, sum dy^2 = 5
        // -> 4.5 / sqrt(22.5)
        assertThat(GlueMetrics.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
                .isCloseTo(4.5 / Math.sqrt(22.5), within(EPS));
        assertThat(GlueMetrics.spearman(new double[] {3, 3, 3}, new double[] {1, 2, 3})).isEqualTo(0.0);
    }

    @Test
    void averageRanks() {
        // sorted 10 10 20 20 20 30 take ranks 1-2, 3-5, 6 -> 1.5, 4, 6
        assertThat(GlueMetrics.averageRanks(new double[] {10, 20, 10, 30, 20, 20}))
                .containsExactly(1.5, 4, 1.5, 6, 4, 4);
    }

    @Test
    void rejectsMismatchedOrEmptyInput() {
        assertThatThrownBy(() -> GlueMetrics.accuracy(new int[] {1}, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 predictions for 2 gold labels");
        assertThatThrownBy(() -> GlueMetrics.f1(new int[0], new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GlueMetrics.pearson(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void taskChecksClassIndices() {
        SentenceTask rte = new RteTaskProvider().create(ConfigFactory.empty());
        assertThatThrownBy(() -> rte.metrics(new double[] {0, 2}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prediction 2.0 at position 1")
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> rte.metrics(new double[] {0, 1}, new double[] {0, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gold label NaN");
        // through the task: mrpc with the f1 example above -> accuracy 3 / 5, f1 2 / 3
        SentenceTask mrpc = new MrpcTaskProvider().create(ConfigFactory.empty());
        assertThat(mrpc.metrics(new double[] {1, 1, 0, 0, 1}, new double[] {1, 0, 1, 0, 1}))
                .containsEntry("accuracy", 0.6)
                .hasEntrySatisfying("f1", f -> assertThat(f).isCloseTo(2.0 / 3, within(EPS)));
    }
}
