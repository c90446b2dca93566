package org.minialbert.core.distil;

import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.LossRole;

/**
 * The coefficients of the total loss (spec section 4):
 * {@code L = α·Σ MLM + β·(Σ_i λ_i Σ ALIGNMENT_i + Σ EMBEDDING) + γ·Σ OUTPUT}; {@code lambdas} empty
 * means λ_i = 1 for every pair.
 */
public record LossWeights(double alpha, double beta, double gamma, List<Double> lambdas) {
    /** The reference: α = 1, β = 3, γ = 5, λ_i = 1. */
    public static final LossWeights REFERENCE = new LossWeights(1, 3, 5, List.of());

    public LossWeights {
        lambdas = List.copyOf(lambdas);
        if (alpha < 0 || beta < 0 || gamma < 0 || lambdas.stream().anyMatch(l -> l < 0)) {
            throw new ConfigurationException("loss weights must not be negative: alpha " + alpha + ", beta " + beta
                    + ", gamma " + gamma + ", lambda " + lambdas);
        }
    }

    /** λ_i. */
    public double lambda(int pair) {
        return lambdas.isEmpty() ? 1 : lambdas.get(pair);
    }

    /** The coefficient of a term in {@code role} (for alignment terms, before λ_i). */
    public double of(LossRole role) {
        switch (role) {
            case MLM: return alpha;
            case OUTPUT: return gamma;
            default: return beta;
        }
    }
}
