package org.minialbert.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.core.engine.OfflineEngine;

/**
 * AdamW, clipping and the schedule against a scalar re-computation in double precision of the
 * PyTorch formulas (written out independently here).
 */
class AdamWTest {

    /** One parameter at a time: loss = sum(c * p) so the gradient is c. */
    private static double[] reference(double p0, double[] gradients, double lr, double wd, boolean decay) {
        double p = p0;
        double m = 0;
        double v = 0;
        double[] trajectory = new double[gradients.length];
        for (int t = 1; t <= gradients.length; t++) {
            double g = gradients[t - 1];
            if (decay) {
                p = p * (1 - lr * wd);
            }
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            p = p - lr * mHat / (Math.sqrt(vHat) + 1e-8);
            trajectory[t - 1] = p;
        }
        return trajectory;
    }

    @Test
    void updatesFollowTorchAdamW() {
        Engine engine = OfflineEngine.pytorch();
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            Weight matrix = weights.ones("w", WeightGroup.LAYERS, new Shape(1, 2));
            Weight bias = weights.ones("b", WeightGroup.LAYERS, new Shape(2));
            AdamW adam = new AdamW(List.of(matrix, bias), new AdamWSettings(0.9f, 0.999f, 1e-8f, 0.1f));
            double[] coefficients = {0.5, -2.0, 3.0};
            for (int step = 0; step < coefficients.length; step++) {
                try (NDManager scope = manager.newSubManager();
                        GradientCollector collector = engine.newGradientCollector()) {
                    NDArray c = scope.create((float) coefficients[step]);
                    NDArray loss = matrix.value().mul(c).sum().add(bias.value().mul(c).sum());
                    collector.backward(loss);
                }
                adam.step(0.01f);
            }
            double[] decayed = reference(1, coefficients, 0.01, 0.1, true);
            double[] plain = reference(1, coefficients, 0.01, 0.1, false);
            assertThat(matrix.value().toFloatArray()[0]).isCloseTo((float) decayed[2], within(1e-6f));
            assertThat(bias.value().toFloatArray()[1]).as("no decay on 1-D weights").isCloseTo((float) plain[2], within(1e-6f));
            assertThat(adam.steps()).isEqualTo(3);
            assertThat(matrix.value().getGradient().toFloatArray()).as("gradients cleared").containsOnly(0f);
        }
    }

    @Test
    void clippingScalesTheGlobalNorm() {
        Engine engine = OfflineEngine.pytorch();
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            Weight a = weights.ones("a", WeightGroup.LAYERS, new Shape(2));
            Weight b = weights.ones("b", WeightGroup.LAYERS, new Shape(1));
            a.value().setRequiresGradient(true);
            b.value().setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(a.value().mul(3f).sum().add(b.value().mul(4f).sum()));
            }
            float norm = GradientClipping.clip(List.of(a, b), 1f);
            assertThat(norm).as("sqrt(3² + 3² + 4²)").isCloseTo((float) Math.sqrt(34), within(1e-5f));
            float scale = (float) (1 / (Math.sqrt(34) + 1e-6));
            assertThat(a.value().getGradient().toFloatArray()).containsExactly(new float[] {3 * scale, 3 * scale},
                    within(1e-6f));
            assertThat(GradientClipping.clip(List.of(a, b), 0f)).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysToZero() {
        LinearSchedule schedule = new LinearSchedule(5e-4f, 10, 110);
        assertThat(schedule.lr(0)).isZero();
        assertThat(schedule.lr(5)).isCloseTo(2.5e-4f, within(1e-9f));
        assertThat(schedule.lr(10)).isCloseTo(5e-4f, within(1e-9f));
        assertThat(schedule.lr(60)).isCloseTo(2.5e-4f, within(1e-9f));
        assertThat(schedule.lr(110)).isZero();
        assertThat(new LinearSchedule(1f, 0, 4).lr(0)).isEqualTo(1f);
    }
}
