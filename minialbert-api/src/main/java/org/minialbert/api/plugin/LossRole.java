package org.minialbert.api.plugin;

/**
 * Where a loss term enters the distillation objective (spec section 4):
 * {@code L = α·Σ MLM + β·Σ_i λ_i Σ ALIGNMENT_i + β·Σ EMBEDDING + γ·Σ OUTPUT}.
 */
public enum LossRole {
    /** Weighted by α: supervised targets of the student (masked-LM cross-entropy). */
    MLM,
    /** Computed per mapped pair i (student iteration i, teacher layer g(i)), weighted by β·λ_i. */
    ALIGNMENT,
    /** Weighted by β: between the two embedding outputs (the paper's ablation). */
    EMBEDDING,
    /** Weighted by γ: on the teacher's MLM outputs (needs a teacher with an MLM head). */
    OUTPUT
}
