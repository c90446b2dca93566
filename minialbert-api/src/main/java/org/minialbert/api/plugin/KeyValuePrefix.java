package org.minialbert.api.plugin;

import ai.djl.ndarray.NDArray;

/**
 * Extra keys and values prepended to an iteration's attention (prefix tuning), each of shape
 * (B, A, P, d). Every query may attend to them; they are never masked.
 */
public record KeyValuePrefix(NDArray keys, NDArray values) {
}
