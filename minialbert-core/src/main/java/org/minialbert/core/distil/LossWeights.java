package org.minialbert.core.distil;

import java.util.List;
import org.minialbert.api.ConfigurationException;

/**
 * The coefficients of the total loss (spec section 4):
 * {@code L = α·MLM + β·(Σ_i λ_i (L_att_i + L_hid_i) [+ L_emb]) + γ·L_out}, with the soft-MLM
 * temperature τ. {@code lambdas} empty means λ_i = 1 for every pair.
 */
public record LossWeights(double alpha, double beta, double gamma, List<Double> lambdas, double temperature,
        boolean embedding) {
    /** The reference: α = 1, β = 3, γ = 5, λ_i = 1, τ = 1, no embedding term. */
    public static final LossWeights REFERENCE = new LossWeights(1, 3, 5, List.of(), 1, false);

    public LossWeights {
        lambdas = List.copyOf(lambdas);
        if (!(temperature > 0)) {
            throw new ConfigurationException("the distillation temperature must be positive, found " + temperature);
        }
    }

    /** λ_i. */
    public double lambda(int pair) {
        return lambdas.isEmpty() ? 1 : lambdas.get(pair);
    }

    /** The same weights with the embedding ablation term {@code β·L_emb} on or off. */
    public LossWeights withEmbedding(boolean on) {
        return new LossWeights(alpha, beta, gamma, lambdas, temperature, on);
    }
}
