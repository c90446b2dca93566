package org.minialbert.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.minialbert.api.nn.Weight;

/**
 * Visits the gradients of weights one at a time, each handed over in a scope of its own that is
 * closed after the visit, so the gradient handles (and any temporaries made from them) are freed
 * weight by weight; the gradients themselves stay with their weights. A weight without a gradient
 * (no backward pass has reached it since its gradient was last dropped) is skipped: DJL's
 * {@code getGradient()} would hand over a new array of zeros, which is not the weight's gradient and
 * is freed with the scope.
 */
final class Gradients {
    private Gradients() {
    }

    /** What to do with one weight's gradient; arrays made in {@code scope} are freed afterwards. */
    @FunctionalInterface
    interface Visitor {
        void visit(Weight weight, NDArray gradient, NDManager scope);
    }

    static void forEach(List<Weight> weights, Visitor visitor) {
        for (Weight weight : weights) {
            NDArray gradient = JniUtils.getGradient((PtNDArray) weight.value());
            if (gradient == null) {
                continue;
            }
            try (NDManager scope = weight.value().getManager().newSubManager()) {
                gradient.attach(scope);
                visitor.visit(weight, gradient, scope);
            }
        }
    }
}
