package org.minialbert.core.finetune;

import org.minialbert.api.MiniAlbertException;

/**
 * Stops a run whose loss or gradient norm is no longer a finite number, before the optimizer writes
 * NaN into every weight, naming the step.
 */
final class Divergence {
    private Divergence() {
    }

    static void check(String run, long step, float loss, float gradientNorm) {
        if (!Float.isFinite(loss) || !Float.isFinite(gradientNorm)) {
            throw new MiniAlbertException(run + ": training diverged at update " + (step + 1) + " (loss " + loss
                    + ", gradient norm " + gradientNorm + "); lower the learning rate or raise the warm-up, and "
                    + "report it if it persists") {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean isUserError() {
                    return false;
                }
            };
        }
    }
}
