package org.minialbert.core.train;

import java.util.List;
import org.minialbert.api.nn.Weight;

/**
 * Global-norm clipping (PyTorch {@code clip_grad_norm_}): when the L2 norm of all gradients together
 * exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Clips in place and returns the norm before clipping. */
    public static float clip(List<Weight> weights, float maxNorm) {
        double[] squares = {0};
        Gradients.forEach(weights, (weight, gradient, scope) -> {
            double norm = gradient.norm().getFloat();
            squares[0] += norm * norm;
        });
        float norm = (float) Math.sqrt(squares[0]);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = maxNorm / (norm + 1e-6f);
            Gradients.forEach(weights, (weight, gradient, scope) -> gradient.muli(scale));
        }
        return norm;
    }
}
