package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * How {@link LinearLayer} computes {@code x Wᵀ + b} on rows. The kernel in use is
 * {@link #installed()}: the one a jar on the classpath provides through {@link java.util.ServiceLoader}
 * (minialbert-core provides one that multiplies with oneDNN where no gradient is needed), else
 * {@link #ENGINE_OPERATOR}. A kernel must give the engine operator's result up to float rounding and
 * must keep the gradient graph wherever a gradient is recorded, falling back to the engine operator
 * for anything it does not handle.
 */
public interface LinearKernel {
    /** DJL's linear operator (PyTorch's {@code linear}; on the CPU the product is MKL's). */
    LinearKernel ENGINE_OPERATOR = (x, weight, bias) -> Linear.linear(x, weight, bias).singletonOrThrow();

    /**
     * @param x (rows, in), or any shape DJL's linear operator takes
     * @param weight (out, in)
     * @param bias (out)
     * @return (rows, out), on x's manager
     */
    NDArray linear(NDArray x, NDArray weight, NDArray bias);

    /**
     * Which route a product of these arrays takes, for reports (the benchmark's ceiling says which
     * route reached it): {@code "engine linear"} unless the kernel multiplies them some other way.
     */
    default String route(NDArray x, NDArray weight, NDArray bias) {
        return "engine linear";
    }

    /**
     * The kernel {@link LinearLayer} uses: the one provider found on the classpath, or the engine
     * operator when there is none or when the system property {@code minialbert.linear-kernel} is
     * {@code engine}.
     *
     * @throws org.minialbert.api.ConfigurationException if more than one jar provides a kernel (naming
     *     them) or the system property has another value
     */
    static LinearKernel installed() {
        return InstalledLinearKernel.get();
    }
}
