/**
 * Running an encoder over a whole input (token-id tensors or tokenised text) in mini-batches and
 * collecting every hidden state and attention map under the names the {@code encode} command writes
 * ({@code hidden_states.i}, {@code attentions.i}, {@code last_hidden_state}).
 */
package org.minialbert.core.encode;
