package org.minialbert.core.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.minialbert.api.MiniAlbertException;

/**
 * Scaled dot-product attention as one engine operator, {@code softmax(q kᵀ / sqrt(d) + bias) v},
 * without the (B, A, Tq, Tk) scores and probabilities in memory: PyTorch's
 * {@code scaled_dot_product_attention} (on the CPU a blocked kernel that keeps each block of scores in
 * cache), which DJL 0.35.1 does not bind. It is reached through a TorchScript module
 * ({@link ScriptedModule}). Gradients flow through it like through any operator. It has no
 * dropout: use it where attention dropout is inactive and nobody needs the probabilities.
 */
public final class FusedAttention {
    private FusedAttention() {
    }

    /**
     * The attention's output per head, (B, A, Tq, d). PyTorch's CPU kernel lays it out in memory as
     * (B, Tq, A, d), so that {@code transpose(0, 2, 1, 3).reshape(B, Tq, A * d)} needs no copy, and
     * reads q, k and v through their strides (other kernels, on a GPU, may copy).
     *
     * @param q (B, A, Tq, d); like k and v, any strides with the last axis contiguous (a head split
     *     of a (B, T, A * d) projection)
     * @param k (B, A, Tk, d)
     * @param v (B, A, Tk, d)
     * @param bias added to the scores, broadcast to (B, A, Tq, Tk) (a padding mask (B, 1, 1, Tk));
     *     null for none
     * @throws IllegalArgumentException if an input has a name: DJL reads names as instructions to
     *     group its inputs into tuples, lists or maps
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias) {
        Kernel kernel = bias == null ? Kernel.UNMASKED : Kernel.MASKED;
        return kernel.forward(bias == null ? new NDList(q, k, v) : new NDList(q, k, v, bias));
    }

    /** The two TorchScript modules, each built and loaded on first use. */
    private enum Kernel {
        UNMASKED("Attention", """
                  def forward(self: __torch__.Attention,
                    q: Tensor,
                    k: Tensor,
                    v: Tensor) -> Tensor:
                    return torch.scaled_dot_product_attention(q, k, v)
                """),
        MASKED("MaskedAttention", """
                  def forward(self: __torch__.MaskedAttention,
                    q: Tensor,
                    k: Tensor,
                    v: Tensor,
                    bias: Tensor) -> Tensor:
                    return torch.scaled_dot_product_attention(q, k, v, bias)
                """);

        private final ScriptedModule script;

        Kernel(String className, String methods) {
            this.script = new ScriptedModule(className, methods);
        }

        NDArray forward(NDList inputs) {
            try {
                script.get();
            } catch (EngineException e) {
                throw new MiniAlbertException("the engine could not load the fused attention operator "
                        + "(PyTorch's scaled_dot_product_attention, PyTorch 2.7 or later): " + e.getMessage(), e);
            }
            return script.forward(inputs);
        }
    }
}
