package org.minialbert.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
        double squares = 0;
        for (Weight weight : weights) {
            try (NDManager scope = weight.value().getManager().newSubManager()) {
                NDArray gradient = weight.value().getGradient();
                gradient.attach(scope);
                double norm = gradient.norm().getFloat();
                squares += norm * norm;
            }
        }
        float norm = (float) Math.sqrt(squares);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = maxNorm / (norm + 1e-6f);
            for (Weight weight : weights) {
                try (NDManager scope = weight.value().getManager().newSubManager()) {
                    NDArray gradient = weight.value().getGradient();
                    gradient.attach(scope);
                    gradient.muli(scale);
                }
            }
        }
        return norm;
    }
}
