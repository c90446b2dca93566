package org.minialbert.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minialbert.core.TensorAssertions.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minialbert.api.nn.LinearKernel;

/**
 * oneDNN's product against {@code x Wᵀ + b} computed in float64, and the rule for when it runs: only
 * where no gradient is recorded, on float32 rows; everything else takes the engine's operator, whose
 * gradients then flow as before.
 */
class OneDnnLinearTest {
    private static final double TOLERANCE = 1e-5;
    private static final OneDnnLinear KERNEL = new OneDnnLinear();
    private static final String ONE_DNN = "oneDNN";
    private static final String ENGINE = "engine linear";

    /** Random rows x, weight and bias of a product {@code rows x in -> out}, from a seeded engine. */
    private record Operands(NDArray x, NDArray weight, NDArray bias) {
        static Operands random(NDManager manager, int seed, int rows, int in, int out) {
            manager.getEngine().setRandomSeed(seed);
            return new Operands(manager.randomNormal(new Shape(rows, in)), manager.randomNormal(new Shape(out, in)),
                    manager.randomNormal(new Shape(out)));
        }

        NDArray through(LinearKernel kernel) {
            return kernel.linear(x, weight, bias);
        }

        String route() {
            return KERNEL.route(x, weight, bias);
        }

        NDArray byOneDnn() {
            return KERNEL.multiply(x, weight, bias);
        }
    }

    /** {@code x Wᵀ + b} in float64 (another product routine), rounded to float32. */
    private static float[] reference(NDArray x, NDArray weight, NDArray bias) {
        NDArray x64 = x.toType(DataType.FLOAT64, false);
        NDArray w64 = weight.toType(DataType.FLOAT64, false);
        return x64.matMul(w64.transpose()).add(bias.toType(DataType.FLOAT64, false))
                .toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** A weight's gradient from its definition, {@code gᵀ x}, in float64, rounded to float32. */
    private static float[] weightGradient(NDArray upstream, NDArray x) {
        return upstream.toType(DataType.FLOAT64, false).transpose().matMul(x.toType(DataType.FLOAT64, false))
                .toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** The models' shapes (rows x in -> out): a single row, odd sizes, a feed-forward layer at 8x128, a wide head. */
    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @CsvSource({"1, 5, 3", "7, 16, 9", "1024, 384, 1536", "154, 384, 2001"})
    void multipliesLikeTheDefinition(int rows, int in, int out) {
        try (NDManager manager = OfflineEngine.newManager()) {
            Operands p = Operands.random(manager, 5, rows, in, out);
            NDArray product = p.byOneDnn();
            assertThat(product.getShape()).isEqualTo(new Shape(rows, out));
            assertClose("oneDNN product", product.toFloatArray(), reference(p.x(), p.weight(), p.bias()), TOLERANCE);
        }
    }

    /** Rows that are a transposed view (not contiguous), as a caller may pass. */
    @Test
    void acceptsRowsThatAreAView() {
        try (NDManager manager = OfflineEngine.newManager()) {
            manager.getEngine().setRandomSeed(6);
            NDArray x = manager.randomNormal(new Shape(24, 10)).transpose();
            NDArray weight = manager.randomNormal(new Shape(12, 24));
            NDArray bias = manager.randomNormal(new Shape(12));
            assertThat(KERNEL.route(x, weight, bias)).isEqualTo(ONE_DNN);
            assertClose("product of a transposed view", KERNEL.multiply(x, weight, bias).toFloatArray(),
                    reference(x, weight, bias), TOLERANCE);
        }
    }

    /**
     * A frozen model's pass inside a gradient collector (the teacher's in distillation) runs on oneDNN
     * and records nothing.
     */
    @Test
    void frozenWeightsUseOneDnnEvenWhileGradientsAreRecorded() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Operands p = Operands.random(manager, 7, 64, 384, 384);
            float[] oneDnn = p.byOneDnn().toFloatArray();
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                assertThat(p.route()).isEqualTo(ONE_DNN);
                NDArray product = p.through(KERNEL);
                assertThat(product.toFloatArray()).isEqualTo(oneDnn);
                assertThat(product.hasGradient()).isFalse();
            }
        }
    }

    /** A trained weight keeps the engine's operator, and its gradient is {@code gᵀ x}, as the definition gives. */
    @Test
    void recordedGradientsKeepTheEngineOperator() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Operands p = Operands.random(manager, 8, 64, 384, 384);
            NDArray upstream = manager.randomNormal(new Shape(64, 384));
            float[] engine = p.through(LinearKernel.ENGINE_OPERATOR).toFloatArray();
            p.weight().setRequiresGradient(true);
            assertThat(p.route()).as("outside a collector").isEqualTo(ONE_DNN);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                assertThat(p.route()).isEqualTo(ENGINE);
                NDArray product = p.through(KERNEL);
                assertThat(product.toFloatArray()).isEqualTo(engine);
                collector.backward(product.mul(upstream).sum());
            }
            assertClose("weight gradient", p.weight().getGradient().toFloatArray(), weightGradient(upstream, p.x()),
                    TOLERANCE);
        }
    }

    /**
     * A frozen layer's oneDNN output feeding a trained one (adapter tuning): the trained layer keeps
     * it for its backward pass, and its weight gets the gradient the definition gives.
     */
    @Test
    void itsResultsFeedLayersThatAreTrained() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Operands frozen = Operands.random(manager, 10, 32, 48, 40);
            NDArray trained = manager.randomNormal(new Shape(8, 40));
            NDArray trainedBias = manager.randomNormal(new Shape(8));
            trained.setRequiresGradient(true);
            float[] oneDnn = frozen.byOneDnn().toFloatArray();
            NDArray hidden;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                assertThat(frozen.route()).isEqualTo(ONE_DNN);
                hidden = frozen.through(KERNEL);
                collector.backward(KERNEL.linear(hidden, trained, trainedBias).sum());
            }
            assertThat(hidden.toFloatArray()).isEqualTo(oneDnn);
            assertClose("trained weight's gradient", trained.getGradient().toFloatArray(),
                    weightGradient(manager.ones(new Shape(32, 8)), hidden), TOLERANCE);
        }
    }

    /** Float64 arrays, inputs of three axes or no rows, named arrays and sizes that do not fit go to the engine. */
    @Test
    void otherInputsKeepTheEngineOperator() {
        try (NDManager manager = OfflineEngine.newManager()) {
            Operands p = Operands.random(manager, 9, 3, 4, 6);
            NDArray x64 = p.x().toType(DataType.FLOAT64, false);
            NDArray w64 = p.weight().toType(DataType.FLOAT64, false);
            NDArray b64 = p.bias().toType(DataType.FLOAT64, false);
            assertThat(KERNEL.route(x64, w64, b64)).isEqualTo(ENGINE);
            assertThat(KERNEL.linear(x64, w64, b64).toDoubleArray())
                    .isEqualTo(LinearKernel.ENGINE_OPERATOR.linear(x64, w64, b64).toDoubleArray());
            NDArray x3 = manager.randomNormal(new Shape(2, 3, 4));
            assertThat(KERNEL.route(x3, p.weight(), p.bias())).isEqualTo(ENGINE);
            assertThat(KERNEL.linear(x3, p.weight(), p.bias()).getShape()).isEqualTo(new Shape(2, 3, 6));
            assertThat(KERNEL.route(manager.zeros(new Shape(0, 4)), p.weight(), p.bias())).isEqualTo(ENGINE);
            assertThat(KERNEL.route(p.x(), p.weight(), manager.zeros(new Shape(5)))).isEqualTo(ENGINE);
            assertThat(KERNEL.route(manager.zeros(new Shape(3, 5)), p.weight(), p.bias())).isEqualTo(ENGINE);
            NDArray named = p.x().duplicate();
            named.setName("input");
            assertThat(KERNEL.route(named, p.weight(), p.bias())).isEqualTo(ENGINE);
            assertThat(p.route()).as("the same operands without a name").isEqualTo(ONE_DNN);
        }
    }

    /** A PyTorch build whose operator cannot be loaded: every product then takes the engine's operator. */
    @Test
    void aModuleThatCannotLoadLeavesTheEngineOperator() {
        OneDnnLinear broken = new OneDnnLinear(new ScriptedModule("Missing", """
                  def forward(self: __torch__.Missing,
                    x: Tensor,
                    weight: Tensor,
                    bias: Tensor) -> Tensor:
                    return ops.mkldnn._no_such_operator(x, weight, bias)
                """));
        try (NDManager manager = OfflineEngine.newManager()) {
            Operands p = Operands.random(manager, 11, 4, 8, 5);
            assertThat(broken.route(p.x(), p.weight(), p.bias())).as("before it tried").isEqualTo(ONE_DNN);
            assertThat(p.through(broken).toFloatArray())
                    .isEqualTo(p.through(LinearKernel.ENGINE_OPERATOR).toFloatArray());
            assertThat(broken.route(p.x(), p.weight(), p.bias())).isEqualTo(ENGINE);
        }
    }

    /** Core's service file installs the kernel for every {@code LinearLayer}. */
    @Test
    void isTheInstalledKernel() {
        assertThat(LinearKernel.installed()).isInstanceOf(OneDnnLinear.class);
    }
}
