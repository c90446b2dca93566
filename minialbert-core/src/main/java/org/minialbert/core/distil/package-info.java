/**
 * Knowledge distillation of a recursive MiniALBERT student from a BERT teacher (reference spec
 * sections 3 and 4). A {@link org.minialbert.core.distil.LayerMapping} aligns student iteration i
 * with teacher layer g(i); {@link org.minialbert.core.distil.LossRows} picks the rows each term is
 * taken over (real tokens for the alignment terms, labelled positions for the MLM terms, so the
 * vocabulary projection runs only there); one small class per term ({@link
 * org.minialbert.core.distil.MaskedLmLoss}, {@link org.minialbert.core.distil.AttentionKlLoss},
 * {@link org.minialbert.core.distil.HiddenCosineLoss}, {@link org.minialbert.core.distil.OutputKlLoss})
 * reproduces the PyTorch reference formula, epsilons and reductions included; and {@link
 * org.minialbert.core.distil.DistillationLoss} combines them into
 * {@code α·mlm + β·Σ_i λ_i (att_i + hid_i) + γ·out} under the names the golden files use. The
 * teacher's signals are computed without a gradient graph ({@link
 * org.minialbert.core.distil.TeacherSignals}), whose other arrays are freed as soon as its pass ends;
 * every tensor belongs to the manager of the batch, so a training step runs in a sub-manager closed
 * after the step.
 */
package org.minialbert.core.distil;
