package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import org.minialbert.api.nn.Scalars;

/**
 * Output (soft MLM) loss (spec section 4): over the rows in {@code sel_mlm}, with temperature τ,
 * {@code L_out = τ² · (1/|sel_mlm|) · Σ_rows Σ_v p_v (log p_v - log_softmax(s/τ)_v)}, {@code p = softmax(t/τ)}
 * (PyTorch {@code KLDivLoss(reduction="batchmean")}).
 */
public final class OutputKlLoss {
    private OutputKlLoss() {
    }

    /**
     * @param student (rows, V) student logits of the labelled positions
     * @param teacher (rows, V) teacher logits of the same positions
     */
    public static NDArray compute(NDArray student, NDArray teacher, float temperature) {
        NDArray logQ = Scalars.div(student, temperature).logSoftmax(-1);
        NDArray logP = Scalars.div(teacher, temperature).logSoftmax(-1);
        long rows = student.getShape().get(0);
        return Scalars.mul(logP.exp().mul(logP.sub(logQ)).sum(), temperature * temperature / rows);
    }
}
