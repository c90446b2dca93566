/**
 * The models: one {@link org.minialbert.core.model.TransformerEncoder} serves both the fully
 * parameterised BERT teacher (reference spec section 1; one block per layer) and the recursive
 * MiniALBERT student (section 2; shared blocks applied N times with per-iteration adaptation and a
 * factorised embedding). Checkpoint names come from an
 * {@link org.minialbert.core.model.EncoderLayout}, so HF BERT and reference MiniALBERT files load
 * by name; heads (MLM, sequence and token classification, section 7) sit on top.
 */
package org.minialbert.core.model;
