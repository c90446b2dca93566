package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.Scalars;
import org.minialbert.core.engine.OfflineEngine;

/**
 * Gradients through products and quotients by numbers survive a garbage collection between the
 * forward and the backward pass, after which freed small native blocks are reused and overwritten
 * with NaN bytes (what made DJL's {@code div(Number)} give NaN gradients at random).
 */
class ScalarsTest {

    private static float[] gradientAfterCollection(UnaryOperator<NDArray> op) {
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray x = manager.arange(1f, 9f);
            x.setRequiresGradient(true);
            try (GradientCollector collector = OfflineEngine.pytorch().newGradientCollector()) {
                NDArray y;
                try (NDManager step = manager.newSubManager()) {
                    y = op.apply(x);
                    y.attach(manager);
                }
                List<ByteBuffer> spray = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    System.gc();
                    for (int i = 0; i < 20_000; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(4);
                        b.putInt(0, 0xFFFFFFFF);
                        spray.add(b);
                    }
                }
                collector.backward(y.sum());
                assertThat(spray).isNotEmpty();
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void productsAndQuotientsKeepTheirScalarForTheBackwardPass() {
        float[] times = gradientAfterCollection(x -> Scalars.mul(x, 3f));
        float[] over = gradientAfterCollection(x -> Scalars.div(x, 4f));
        float[] three = new float[8];
        float[] quarter = new float[8];
        Arrays.fill(three, 3f);
        Arrays.fill(quarter, 0.25f);
        assertThat(times).containsExactly(three);
        assertThat(over).containsExactly(quarter);
    }
}
