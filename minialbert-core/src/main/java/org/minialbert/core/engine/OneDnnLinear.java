package org.minialbert.core.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.minialbert.api.nn.LinearKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linear maps multiplied by oneDNN where no gradient is recorded: inference, evaluation and the
 * frozen teacher's pass in distillation (on threads whose gradient mode is off, or whose arrays ask
 * for no gradient). PyTorch's CPU build carries two matrix-multiply libraries: its {@code linear}
 * operator multiplies with MKL, while oneDNN, which PyTorch reaches through
 * {@code mkldnn::_linear_pointwise} (an operator DJL 0.35.1 does not bind, and one without a backward
 * pass), multiplies the shapes of these models faster on our development machine (the tenth round in
 * {@code docs/performance-history.md}). Everything else goes to the engine's operator: a product through which
 * a gradient is recorded, anything but float32 rows on the CPU with a matching weight and bias, and,
 * once the module failed to load (a PyTorch build without oneDNN, logged once), every product.
 */
public final class OneDnnLinear implements LinearKernel {
    private static final Logger LOG = LoggerFactory.getLogger(OneDnnLinear.class);
    private static final String SOURCE = """
              def forward(self: __torch__.OneDnnLinear,
                x: Tensor,
                weight: Tensor,
                bias: Tensor) -> Tensor:
                return ops.mkldnn._linear_pointwise(x, weight, bias, "none", [], "")
            """;
    private static final String ROUTE = "oneDNN";

    private final ScriptedModule operator;
    private volatile boolean unavailable;

    /** The kernel {@link LinearKernel#installed()} finds. */
    public OneDnnLinear() {
        this(new ScriptedModule("OneDnnLinear", SOURCE));
    }

    /** A kernel over {@code operator}, a module whose {@code forward(x, weight, bias)} is the product. */
    OneDnnLinear(ScriptedModule operator) {
        this.operator = operator;
    }

    @Override
    public String route(NDArray x, NDArray weight, NDArray bias) {
        return takesOneDnn(x, weight, bias) ? ROUTE : ENGINE_OPERATOR.route(x, weight, bias);
    }

    @Override
    public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (!takesOneDnn(x, weight, bias)) {
            return ENGINE_OPERATOR.linear(x, weight, bias);
        }
        try {
            operator.get();
        } catch (EngineException e) {
            unavailable = true;
            LOG.warn("oneDNN's linear operator could not be loaded ({}); linear maps use the engine's own operator",
                    e.getMessage());
            return ENGINE_OPERATOR.linear(x, weight, bias);
        }
        return multiply(x, weight, bias);
    }

    /**
     * {@code x Wᵀ + b} by oneDNN; the caller has made sure that no gradient is recorded through it.
     *
     * @throws EngineException if the engine cannot load or run the operator
     */
    NDArray multiply(NDArray x, NDArray weight, NDArray bias) {
        return operator.forward(new NDList(x, weight, bias));
    }

    private boolean takesOneDnn(NDArray x, NDArray weight, NDArray bias) {
        return !unavailable && handles(x, weight, bias) && !gradientRecorded(x, weight, bias);
    }

    /**
     * Float32 rows (at least one), weight and bias of PyTorch's engine, all on the CPU, without names
     * (which DJL would read as instructions to group the module's inputs), and of matching sizes.
     */
    static boolean handles(NDArray x, NDArray weight, NDArray bias) {
        Shape rows = x.getShape();
        Shape w = weight.getShape();
        return plainCpuFloats(x) && plainCpuFloats(weight) && plainCpuFloats(bias)
                && rows.dimension() == 2 && rows.get(0) > 0 && w.dimension() == 2 && rows.get(1) == w.get(1)
                && bias.getShape().equals(new Shape(w.get(0)));
    }

    private static boolean plainCpuFloats(NDArray array) {
        return array instanceof PtNDArray && array.getDataType() == DataType.FLOAT32
                && !array.getDevice().isGpu() && array.getName() == null;
    }

    /** Whether the engine records a gradient graph for a product of these arrays (PyTorch's own rule). */
    static boolean gradientRecorded(NDArray x, NDArray weight, NDArray bias) {
        return JniUtils.isGradMode() && (JniUtils.requiresGrad((PtNDArray) weight)
                || JniUtils.requiresGrad((PtNDArray) bias) || JniUtils.requiresGrad((PtNDArray) x));
    }
}
