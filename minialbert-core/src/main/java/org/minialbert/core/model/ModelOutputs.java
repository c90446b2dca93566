package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;

/** Encoder outputs plus the head's logits (null when the model has no head). */
public record ModelOutputs(EncoderOutputs encoder, NDArray logits) {
}
