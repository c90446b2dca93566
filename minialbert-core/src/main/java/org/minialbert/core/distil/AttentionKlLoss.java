package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.minialbert.api.nn.Scalars;

/**
 * Attention loss of one mapped pair (spec section 4): rows are the query positions in
 * {@code sel_tok}, for every head; {@code s = P_student + 1e-12}, {@code t = P_teacher + 1e-12} over all
 * T keys (padded keys included) and {@code L_att = mean(t · (log t - log s))}, the mean running over
 * rows × heads × T (PyTorch {@code KLDivLoss(reduction="mean")} applied to {@code log s} and {@code t}).
 * The maps stay in their (B, A, T, T) layout: padded query rows are zeroed by the token mask rather
 * than cut out, which saves the transposed and gathered copies (and their backward) of every map;
 * when nothing is padded, not even that product is made.
 */
public final class AttentionKlLoss {
    static final float EPSILON = 1e-12f;

    private AttentionKlLoss() {
    }

    /**
     * @param student (B, A, T, T) student attention probabilities
     * @param teacher (B, A, T, T) teacher attention probabilities
     * @param tokenMask (B, T) float, 1 at the {@code sel_tok} positions, 0 at padding
     */
    public static NDArray compute(NDArray student, NDArray teacher, NDArray tokenMask) {
        Shape shape = student.getShape();
        float rows = tokenMask.sum().getFloat();
        NDArray s = student.add(EPSILON);
        NDArray t = teacher.add(EPSILON);
        // log s - log t, the negated log ratio: with the student's term first, the backward pass hands
        // the gradient through the difference unchanged instead of negating a whole map; the sign is
        // put back on the scalar (the same numbers: IEEE negation is exact)
        NDArray negatedLogRatio = s.log().sub(t.log());
        // without padding every query row counts, and the mask would multiply by ones
        NDArray weights = rows == shape.get(0) * shape.get(2) ? t
                : t.mul(tokenMask.reshape(shape.get(0), 1, shape.get(2), 1));
        return Scalars.div(weights.mul(negatedLogRatio).sum().neg(), rows * shape.get(1) * shape.get(3));
    }
}
