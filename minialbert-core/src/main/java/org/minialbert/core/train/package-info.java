/**
 * Optimisation shared by distillation and fine-tuning: AdamW with decoupled weight decay (not on
 * biases and LayerNorm weights), a linear warm-up and decay schedule, and global-norm gradient
 * clipping. Gradients of DJL's PyTorch engine accumulate across backward passes until
 * {@link org.minialbert.core.train.AdamW#step} drops them ({@link org.minialbert.api.nn.Weight#dropGradient}),
 * which is what gradient accumulation needs.
 */
package org.minialbert.core.train;
