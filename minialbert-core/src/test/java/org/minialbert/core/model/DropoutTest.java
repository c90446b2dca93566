package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.engine.OfflineEngine;

/** Dropout in training mode: its statistics, its gradient, and its seeding. */
class DropoutTest {

    private static float[] dropped(NDManager manager, long seed, Shape shape, float rate) {
        OfflineEngine.seed(seed);
        return ForwardContext.TRAIN.dropout(manager.ones(shape), rate).toFloatArray();
    }

    /**
     * One million elements: the dropped fraction is within 0.002 of the rate (the binomial standard
     * deviation is 0.0003), and every kept element is exactly 1 / (1 - rate).
     */
    @Test
    void dropsAtTheRateAndScalesTheRest() {
        try (NDManager manager = OfflineEngine.newManager()) {
            for (float rate : new float[] {0.1f, 0.5f}) {
                float[] values = dropped(manager, 3, new Shape(1000, 1000), rate);
                long zeros = 0;
                for (float v : values) {
                    if (v == 0f) {
                        zeros++;
                    } else {
                        assertThat(v).isEqualTo(1f / (1f - rate));
                    }
                }
                assertThat(zeros / 1e6).as("dropped fraction at rate " + rate).isCloseTo(rate, within(0.002));
            }
        }
    }

    /**
     * A mask of more than 64 chunks of 65536 elements is shared out between threads: every part of it
     * is drawn at the rate (a part left unwritten would hold whatever the memory held before).
     */
    @Test
    void largeMasksAreDrawnAtTheRateInEveryPart() {
        try (NDManager manager = OfflineEngine.newManager()) {
            int parts = 4;
            float[] values = dropped(manager, 7, new Shape(parts, 65 << 16), 0.1f);
            int perPart = values.length / parts;
            for (int part = 0; part < parts; part++) {
                long zeros = 0;
                long others = 0;
                for (int i = part * perPart; i < (part + 1) * perPart; i++) {
                    zeros += values[i] == 0f ? 1 : 0;
                    others += values[i] == 0f || values[i] == 1f / 0.9f ? 0 : 1;
                }
                assertThat(others).as("values other than 0 and 1 / (1 - rate) in part " + part).isZero();
                assertThat(zeros / (double) perPart).as("dropped fraction of part " + part)
                        .isCloseTo(0.1, within(0.002));
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSameMaskAndOddSizesWork() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Shape shape = new Shape(3, 7, 5);
            assertThat(dropped(manager, 11, shape, 0.3f)).containsExactly(dropped(manager, 11, shape, 0.3f));
            assertThat(dropped(manager, 11, shape, 0.3f)).isNotEqualTo(dropped(manager, 12, shape, 0.3f));
            assertThat(dropped(manager, 5, new Shape(1), 0.3f)).hasSize(1);
        }
    }

    @Test
    void theGradientIsTheMaskAndEvaluationIsTheIdentity() {
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray x = manager.arange(1f, 101f).reshape(10, 10);
            assertThat(ForwardContext.EVAL.dropout(x, 0.1f)).isSameAs(x);
            assertThat(ForwardContext.TRAIN.dropout(x, 0f)).isSameAs(x);
            assertThat(ForwardContext.TRAIN.dropout(x, 1f).toFloatArray()).containsOnly(0f);
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector collector = OfflineEngine.pytorch().newGradientCollector()) {
                NDArray y = ForwardContext.TRAIN.dropout(x, 0.25f);
                out = y.toFloatArray();
                collector.backward(y.sum());
            }
            float[] gradient = x.getGradient().toFloatArray();
            for (int i = 0; i < out.length; i++) {
                assertThat(gradient[i]).as("d out / d x = mask").isEqualTo(out[i] / (i + 1), within(1e-5f));
            }
        }
    }
}
