package org.minialbert.core.train;

import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.MiniAlbertException;
import org.minialbert.api.nn.Weight;

/**
 * Stops a run whose loss or gradient norm is no longer a finite number, before the optimizer writes
 * NaN into every weight, naming the update and the weights whose gradients are not finite (in model
 * order, so the first names point at where in the network the backward pass went wrong).
 */
public final class Divergence {
    private static final int NAMES_SHOWN = 6;

    private Divergence() {
    }

    /** Whether an update can be applied: its loss and gradient norm are finite numbers. */
    public static boolean finite(float loss, float gradientNorm) {
        return Float.isFinite(loss) && Float.isFinite(gradientNorm);
    }

    /** Throws an internal error if {@code loss} or {@code gradientNorm} is NaN or infinite. */
    public static void check(String run, long step, float loss, float gradientNorm, List<Weight> weights) {
        if (finite(loss, gradientNorm)) {
            return;
        }
        throw new MiniAlbertException(run + ": training diverged at update " + (step + 1) + " ("
                + symptoms(loss, gradientNorm, weights) + "); lower the learning rate or raise the warm-up, and "
                + "report it if it persists") {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean isUserError() {
                return false;
            }
        };
    }

    /** The loss, the gradient norm and the weights whose gradients are not finite, for a message. */
    public static String symptoms(float loss, float gradientNorm, List<Weight> weights) {
        return "loss " + loss + ", gradient norm " + gradientNorm + describe(nonFinite(weights), weights.size());
    }

    /** The names of the weights whose gradient holds a NaN or an infinity. */
    static List<String> nonFinite(List<Weight> weights) {
        List<String> names = new ArrayList<>();
        Gradients.forEach(weights, (weight, gradient, scope) -> {
            if (gradient.isNaN().logicalOr(gradient.isInfinite()).any().getBoolean()) {
                names.add(weight.name());
            }
        });
        return names;
    }

    private static String describe(List<String> names, int of) {
        if (names.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        return "; non-finite gradients in " + names.size() + " of " + of + " weights: " + shown
                + (names.size() > NAMES_SHOWN ? ", ..." : "");
    }
}
