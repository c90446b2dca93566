package org.minialbert.core.train;

import java.util.List;
import org.minialbert.api.nn.Weight;

/**
 * Global-norm clipping (PyTorch {@code clip_grad_norm_}): when the L2 norm of all gradients together
 * exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}. The scaling is
 * not a pass of its own: {@link AdamW#step} applies the factor as it reads each gradient.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The L2 norm of all the weights' gradients together. */
    public static float norm(List<Weight> weights) {
        double[] squares = {0};
        Gradients.forEach(weights, (weight, gradient, scope) -> {
            double norm = gradient.norm().getFloat();
            squares[0] += norm * norm;
        });
        return (float) Math.sqrt(squares[0]);
    }

    /** The factor for gradients of global norm {@code norm}: 1 unless it exceeds a positive {@code maxNorm}. */
    public static float scale(float norm, float maxNorm) {
        return maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6f) : 1f;
    }
}
