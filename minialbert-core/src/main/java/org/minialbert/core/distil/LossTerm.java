package org.minialbert.core.distil;

import java.util.Arrays;
import java.util.Locale;
import org.minialbert.api.ConfigurationException;

/** The named loss terms a job lists in {@code loss.terms} (spec section 4). */
public enum LossTerm {
    /** Cross-entropy of the student's MLM logits on the masked positions, weight α. */
    MLM,
    /** KL between mapped attention maps, weight β·λ_i. */
    ATTENTION_KL,
    /** 1 - cosine between mapped hidden states, weight β·λ_i. */
    HIDDEN_COSINE,
    /** KL on the teacher's MLM outputs with temperature τ, weight γ; needs a teacher with an MLM head. */
    OUTPUT_KL,
    /** 1 - cosine between the embedding outputs, weight β (ablation, off by default). */
    EMBEDDING_COSINE;

    /** The job-file name, e.g. {@code attention-kl}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LossTerm parse(String name) {
        for (LossTerm term : values()) {
            if (term.configName().equals(name)) {
                return term;
            }
        }
        throw new ConfigurationException("unknown loss term '" + name + "'; available: "
                + String.join(", ", Arrays.stream(values()).map(LossTerm::configName).toList()));
    }
}
