package org.minialbert.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minialbert.api.nn.Scalars;
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

    @ParameterizedTest(name = "in Java: {0}")
    @ValueSource(booleans = {true, false})
    void updatesFollowTorchAdamW(boolean inJava) {
        Engine engine = OfflineEngine.pytorch();
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            Weight matrix = weights.ones("w", WeightGroup.LAYERS, new Shape(1, 2));
            Weight bias = weights.ones("b", WeightGroup.LAYERS, new Shape(2));
            assertThat(HostMemory.view(matrix.value())).as("the one-pass update can see the weights").isPresent();
            AdamW adam = new AdamW(List.of(matrix, bias), new AdamWSettings(0.9f, 0.999f, 1e-8f, 0.1f), inJava);
            double[] coefficients = {0.5, -2.0, 3.0};
            double[] factors = {1, 0.25, 1};
            for (int step = 0; step < coefficients.length; step++) {
                try (NDManager scope = manager.newSubManager();
                        GradientCollector collector = engine.newGradientCollector()) {
                    NDArray c = scope.create((float) coefficients[step]);
                    NDArray loss = matrix.value().mul(c).sum().add(bias.value().mul(c).sum());
                    collector.backward(loss);
                }
                // the clipping factor scales the gradient the moments see; it changes from step to
                // step, since Adam's update does not see a factor that all steps share
                adam.step(0.01f, (float) factors[step]);
                assertThat(adam.updatedInJava()).as("elements updated in one pass").isEqualTo(inJava ? 4 : 0);
            }
            double[] clipped = new double[coefficients.length];
            for (int i = 0; i < clipped.length; i++) {
                clipped[i] = coefficients[i] * factors[i];
            }
            double[] decayed = reference(1, clipped, 0.01, 0.1, true);
            double[] plain = reference(1, clipped, 0.01, 0.1, false);
            assertThat(matrix.value().toFloatArray()[0]).isCloseTo((float) decayed[2], within(1e-6f));
            assertThat(bias.value().toFloatArray()[1]).as("no decay on 1-D weights").isCloseTo((float) plain[2], within(1e-6f));
            assertThat(adam.steps()).isEqualTo(3);
            assertThat(hasGradient(matrix)).as("gradient dropped").isFalse();
        }
    }

    @Test
    void clippingScalesTheGlobalNorm() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            Weight a = weights.ones("a", WeightGroup.LAYERS, new Shape(2));
            Weight b = weights.ones("b", WeightGroup.LAYERS, new Shape(1));
            a.value().setRequiresGradient(true);
            b.value().setRequiresGradient(true);
            backwardOf(() -> Scalars.mul(a.value(), 3f).sum().add(Scalars.mul(b.value(), 4f).sum()));
            float norm = GradientClipping.norm(List.of(a, b));
            assertThat(norm).as("sqrt(3² + 3² + 4²)").isCloseTo((float) Math.sqrt(34), within(1e-5f));
            assertThat(GradientClipping.scale(norm, 1f)).isCloseTo((float) (1 / (Math.sqrt(34) + 1e-6)), within(1e-7f));
            assertThat(GradientClipping.scale(norm, 10f)).as("under the limit").isEqualTo(1f);
            assertThat(GradientClipping.scale(norm, 0f)).as("no limit").isEqualTo(1f);
        }
    }

    /**
     * A weight outside the loss has no gradient; it keeps its value (DJL would hand over a fresh
     * array of zeros as its gradient, which the one-pass update must not write to).
     */
    @ParameterizedTest(name = "in Java: {0}")
    @ValueSource(booleans = {true, false})
    void weightsWithoutGradientAreLeftAlone(boolean inJava) {
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            Weight used = weights.ones("used", WeightGroup.LAYERS, new Shape(4, 4));
            Weight unused = weights.ones("unused", WeightGroup.LAYERS, new Shape(4, 4));
            AdamW adam = new AdamW(List.of(unused, used), new AdamWSettings(0.9f, 0.999f, 1e-8f, 0.1f), inJava);
            for (int step = 0; step < 2; step++) {
                backwardOf(() -> used.value().sum());
                adam.step(0.01f, 1f);
            }
            assertThat(unused.value().toFloatArray()).containsOnly(1f);
            for (float value : used.value().toFloatArray()) {
                assertThat(value).as("moved against the gradient (+1) by about lr per step").isLessThan(0.99f);
            }
        }
    }

    /**
     * The one-pass update against engine operations on weights of many sizes, large enough that the
     * elements are split between threads in the middle of a weight, over several steps.
     */
    @Test
    void javaUpdateMatchesEngineOperations() {
        Engine engine = OfflineEngine.pytorch();
        Shape[] shapes = {new Shape(300, 700), new Shape(384), new Shape(5, 3, 7), new Shape(70000), new Shape(1)};
        try (NDManager manager = OfflineEngine.newManager()) {
            engine.setRandomSeed(7);
            List<Weight> java = randomWeights(manager, "java", shapes);
            List<Weight> engineOps = randomWeights(manager, "engine", shapes);
            for (int i = 0; i < shapes.length; i++) {
                engineOps.get(i).value().muli(0).addi(java.get(i).value());
            }
            AdamWSettings settings = new AdamWSettings(0.9f, 0.98f, 1e-6f, 0.01f);
            AdamW inJava = new AdamW(java, settings, true);
            AdamW withEngine = new AdamW(engineOps, settings, false);
            for (int step = 0; step < 3; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    List<NDArray> targets = new ArrayList<>();
                    for (Shape shape : shapes) {
                        targets.add(scope.randomNormal(shape));
                    }
                    backward(engine, java, targets);
                    backward(engine, engineOps, targets);
                }
                float factor = step == 1 ? 0.3f : 1f;
                inJava.step(1e-3f, factor);
                withEngine.step(1e-3f, factor);
                assertThat(inJava.updatedInJava()).as("every weight in one pass")
                        .isEqualTo(300 * 700 + 384 + 105 + 70000 + 1);
                assertThat(withEngine.updatedInJava()).isZero();
            }
            for (int i = 0; i < shapes.length; i++) {
                float[] expected = engineOps.get(i).value().toFloatArray();
                float[] actual = java.get(i).value().toFloatArray();
                for (int e = 0; e < expected.length; e++) {
                    assertThat(actual[e]).as("%s element %d", shapes[i], e)
                            .isCloseTo(expected[e], within(1e-6f + 1e-5f * Math.abs(expected[e])));
                }
                assertThat(hasGradient(java.get(i))).as("gradient dropped").isFalse();
            }
        }
    }

    /**
     * After an update the gradients are dropped, not zeroed: the next backward pass's gradient is that
     * pass's alone, and a weight it does not reach is left as it is (PyTorch: {@code grad} is
     * {@code None} after {@code zero_grad}), while the weight keeps its values and stays trainable.
     */
    @Test
    void gradientsAreDroppedAfterAnUpdate() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            Weight both = weights.ones("both", WeightGroup.LAYERS, new Shape(3));
            Weight first = weights.ones("first", WeightGroup.LAYERS, new Shape(3));
            AdamW adam = new AdamW(List.of(both, first), new AdamWSettings(0.9f, 0.999f, 1e-8f, 0f));
            backwardOf(() -> Scalars.mul(both.value(), 5f).sum().add(first.value().sum()));
            adam.step(0.1f, 1f);
            float[] firstAfterOne = first.value().toFloatArray();
            float[] bothAfterOne = both.value().toFloatArray();
            assertThat(bothAfterOne[0]).as("Adam's first step moves by lr").isCloseTo(0.9f, within(1e-6f));
            backwardOf(() -> Scalars.mul(both.value(), 2f).sum());
            assertThat(both.value().getGradient().toFloatArray()).as("this pass's gradient only").containsOnly(2f);
            assertThat(hasGradient(first)).as("not reached by the second pass").isFalse();
            backwardOf(() -> Scalars.mul(both.value(), 2f).sum());
            assertThat(both.value().getGradient().toFloatArray()).as("passes within an update add up").containsOnly(4f);
            int arrays = manager.getManagedArrays().size();
            adam.step(0.1f, 1f);
            assertThat(manager.getManagedArrays()).as("each dropped handle is closed").hasSize(arrays);
            assertThat(first.value().toFloatArray()).as("left as it is").containsExactly(firstAfterOne);
            assertThat(both.value().toFloatArray()[0]).as("moved again").isLessThan(bothAfterOne[0]);
            assertThat(both.value().hasGradient()).as("still trainable").isTrue();
        }
    }

    @Test
    void onlyATrainableWeightHasAGradientToDrop() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Weight frozen = new Weights(manager, 0.02f).ones("frozen", WeightGroup.LAYERS, new Shape(2));
            assertThatThrownBy(frozen::dropGradient).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("frozen is not trainable");
        }
    }

    /** One backward pass of the loss {@code loss} builds (inside the collector, where gradients are recorded). */
    private static void backwardOf(Supplier<NDArray> loss) {
        try (GradientCollector collector = OfflineEngine.pytorch().newGradientCollector()) {
            collector.backward(loss.get());
        }
    }

    private static boolean hasGradient(Weight weight) {
        return JniUtils.getGradient((PtNDArray) weight.value()) != null;
    }

    private static List<Weight> randomWeights(NDManager manager, String prefix, Shape[] shapes) {
        Weights weights = new Weights(manager, 1f);
        List<Weight> all = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            Weight weight = weights.ones(prefix + i, WeightGroup.LAYERS, shapes[i]);
            weight.value().muli(0).addi(manager.randomNormal(shapes[i]));
            all.add(weight);
        }
        return all;
    }

    /** Gradient of sum((p - target)²) / 2 + sum(p³) / 3: p - target + p², different at each element. */
    private static void backward(Engine engine, List<Weight> weights, List<NDArray> targets) {
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < weights.size(); i++) {
                NDArray p = weights.get(i).value();
                NDArray term = Scalars.div(p.sub(targets.get(i)).square().sum(), 2).add(Scalars.div(p.pow(3).sum(), 3));
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
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
