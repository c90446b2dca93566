package org.minialbert.core.plugin;

import java.util.function.IntUnaryOperator;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.ParameterSharing;

/** A sharing scheme given by a function from iteration to block, the same for both sub-blocks. */
final class FixedSharing implements ParameterSharing {
    private final int iterations;
    private final IntUnaryOperator blockFor;

    FixedSharing(int iterations, IntUnaryOperator blockFor) {
        if (iterations < 1) {
            throw new ConfigurationException("the number of iterations must be at least 1, found " + iterations);
        }
        this.iterations = iterations;
        this.blockFor = blockFor;
    }

    @Override
    public int iterations() {
        return iterations;
    }

    @Override
    public int attentionBlockFor(int iteration) {
        return blockFor.applyAsInt(iteration);
    }
}
