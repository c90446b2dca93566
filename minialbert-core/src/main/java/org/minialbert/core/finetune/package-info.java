/**
 * Fine-tuning and evaluating any encoder on sentence-level tasks (reference spec sections 6-8): a
 * classification or regression head on the [CLS] vector, full or adapter-only training with AdamW
 * and a linear schedule, evaluation with the task's metrics, and grids of learning rates, batch
 * sizes and epochs with several seeded runs, reported as mean ± std.
 */
package org.minialbert.core.finetune;
