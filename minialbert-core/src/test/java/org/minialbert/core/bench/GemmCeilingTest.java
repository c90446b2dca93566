package org.minialbert.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.LinearKernel;
import org.minialbert.core.engine.OfflineEngine;

/** The ceiling times every route it is given and reports the fastest. */
class GemmCeilingTest {
    /** A kernel that skips the product: much faster than any real one, so it must win if it is timed. */
    private static final LinearKernel SKIPS_THE_PRODUCT = new LinearKernel() {
        @Override
        public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
            return x.getManager().zeros(new Shape(x.getShape().get(0), weight.getShape().get(0)));
        }

        @Override
        public String route(NDArray x, NDArray weight, NDArray bias) {
            return "skips the product";
        }
    };

    @Test
    void everyKernelGivenIsTimedAndTheFastestRouteNamed() {
        try (NDManager manager = OfflineEngine.newManager()) {
            GemmCeiling.Result engineOnly = GemmCeiling.measure(manager, new int[] {256}, 3,
                    List.of(LinearKernel.ENGINE_OPERATOR));
            assertThat(engineOnly.bestRoute()).isIn(GemmCeiling.ENGINE_PRODUCT, "engine linear");

            GemmCeiling.Result withAFasterOne = GemmCeiling.measure(manager, new int[] {256}, 3,
                    List.of(LinearKernel.ENGINE_OPERATOR, SKIPS_THE_PRODUCT));
            assertThat(withAFasterOne.bestRoute()).isEqualTo("skips the product");
            assertThat(withAFasterOne.ceiling()).isGreaterThan(engineOnly.ceiling());
        }
    }
}
