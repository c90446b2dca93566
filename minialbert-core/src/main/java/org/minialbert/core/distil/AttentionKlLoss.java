package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * Attention loss of one mapped pair (spec section 4): rows are the query positions in
 * {@code sel_tok}, for every head; {@code s = P_student + 1e-12}, {@code t = P_teacher + 1e-12} over all
 * T keys (padded keys included) and {@code L_att = mean(t · (log t - log s))}, the mean running over
 * rows × heads × T (PyTorch {@code KLDivLoss(reduction="mean")} applied to {@code log s} and {@code t}).
 */
public final class AttentionKlLoss {
    static final float EPSILON = 1e-12f;

    private AttentionKlLoss() {
    }

    /**
     * @param student (B, A, T, T) student attention probabilities
     * @param teacher (B, A, T, T) teacher attention probabilities
     * @param tokenRows selects the {@code sel_tok} rows of a (B, T, ...) tensor
     */
    public static NDArray compute(NDArray student, NDArray teacher, UnaryOperator<NDArray> tokenRows) {
        NDArray s = tokenRows.apply(student.transpose(0, 2, 1, 3)).add(EPSILON);
        NDArray t = tokenRows.apply(teacher.transpose(0, 2, 1, 3)).add(EPSILON);
        return t.mul(t.log().sub(s.log())).mean();
    }
}
