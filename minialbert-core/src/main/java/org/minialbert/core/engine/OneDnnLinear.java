package org.minialbert.core.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import org.minialbert.api.nn.LinearKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linear maps multiplied by oneDNN where no gradient is needed: inference, evaluation and the frozen
 * teacher's pass in distillation. PyTorch's CPU build carries two matrix-multiply libraries: its
 * {@code linear} operator multiplies with MKL, while oneDNN, which PyTorch reaches through
 * {@code mkldnn::_linear_pointwise} (an operator DJL 0.35.1 does not bind, and one without a backward
 * pass), multiplies the shapes of these models faster on our development machine (the tenth round in
 * {@code docs/performance.md}). Anything else goes to the engine's operator: a pass that records a
 * gradient through any of the three arrays, inputs that are not float32 rows on the CPU, and every
 * call after the operator failed to load (a PyTorch build without oneDNN), which is logged once.
 */
public final class OneDnnLinear implements LinearKernel {
    private static final Logger LOG = LoggerFactory.getLogger(OneDnnLinear.class);
    private static final ScriptedModule OPERATOR = new ScriptedModule("OneDnnLinear", """
              def forward(self: __torch__.OneDnnLinear,
                x: Tensor,
                weight: Tensor,
                bias: Tensor) -> Tensor:
                return ops.mkldnn._linear_pointwise(x, weight, bias, "none", [], "")
            """);
    private static volatile boolean unavailable;

    @Override
    public String name() {
        return "oneDNN";
    }

    @Override
    public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (unavailable || !handles(x, weight, bias) || gradientRecorded(x, weight, bias)) {
            return ENGINE_OPERATOR.linear(x, weight, bias);
        }
        try {
            return multiply(x, weight, bias);
        } catch (EngineException e) {
            unavailable = true;
            LOG.warn("oneDNN's linear operator is not available in this PyTorch build ({}); linear maps use the "
                    + "engine's own operator", e.getMessage());
            return ENGINE_OPERATOR.linear(x, weight, bias);
        }
    }

    /**
     * {@code x Wᵀ + b} by oneDNN. The module runs in the caller's gradient mode (DJL's other entry
     * point would run it in inference mode, whose results a later operator that records a gradient
     * may not keep), so it records no graph only because no input asks for one.
     *
     * @throws EngineException if the engine cannot load or run the operator
     */
    static NDArray multiply(NDArray x, NDArray weight, NDArray bias) {
        return IValueUtils.forward(OPERATOR.get(), new NDList(x, weight, bias), true).singletonOrThrow();
    }

    /**
     * Float32 rows, weight and bias of PyTorch's engine, all on the CPU and without names (DJL reads
     * the names of a module's inputs as instructions to group them).
     */
    static boolean handles(NDArray x, NDArray weight, NDArray bias) {
        return x.getShape().dimension() == 2 && plainCpuFloats(x) && plainCpuFloats(weight) && plainCpuFloats(bias);
    }

    private static boolean plainCpuFloats(NDArray array) {
        return array instanceof PtNDArray && array.getDataType() == DataType.FLOAT32
                && !array.getDevice().isGpu() && array.getName() == null;
    }

    /** Whether the engine records a gradient graph for a product of these arrays. */
    static boolean gradientRecorded(NDArray x, NDArray weight, NDArray bias) {
        return JniUtils.isGradMode() && (JniUtils.requiresGrad((PtNDArray) weight)
                || JniUtils.requiresGrad((PtNDArray) bias) || JniUtils.requiresGrad((PtNDArray) x));
    }
}
