package org.minialbert.core.distil;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.minialbert.api.ConfigurationException;

/**
 * The terms and coefficients of the total loss (spec section 4):
 * {@code L = α·MLM + β·(Σ_i λ_i (L_att_i + L_hid_i) [+ L_emb]) + γ·L_out}, with the soft-MLM
 * temperature τ; a term not in {@code terms} is left out. {@code lambdas} empty means λ_i = 1.
 */
public record LossWeights(double alpha, double beta, double gamma, List<Double> lambdas, double temperature,
        Set<LossTerm> terms) {
    /** The reference: the four terms of the paper, α = 1, β = 3, γ = 5, λ_i = 1, τ = 1. */
    public static final LossWeights REFERENCE = new LossWeights(1, 3, 5, List.of(), 1,
            EnumSet.of(LossTerm.MLM, LossTerm.ATTENTION_KL, LossTerm.HIDDEN_COSINE, LossTerm.OUTPUT_KL));

    public LossWeights {
        lambdas = List.copyOf(lambdas);
        terms = terms.isEmpty() ? EnumSet.noneOf(LossTerm.class) : EnumSet.copyOf(terms);
        if (terms.isEmpty()) {
            throw new ConfigurationException("loss.terms is empty; list at least one term, e.g. [mlm, attention-kl, "
                    + "hidden-cosine]");
        }
        if (!(temperature > 0)) {
            throw new ConfigurationException("the distillation temperature must be positive, found " + temperature);
        }
    }

    /** λ_i. */
    public double lambda(int pair) {
        return lambdas.isEmpty() ? 1 : lambdas.get(pair);
    }

    public boolean uses(LossTerm term) {
        return terms.contains(term);
    }

    /** The same weights with {@code term} added or removed. */
    public LossWeights with(LossTerm term, boolean on) {
        Set<LossTerm> changed = EnumSet.copyOf(terms);
        if (on) {
            changed.add(term);
        } else {
            changed.remove(term);
        }
        return new LossWeights(alpha, beta, gamma, lambdas, temperature, changed);
    }
}
