/**
 * Pre-training data for distillation (reference spec section 5): corpus readers (plain text, JSON
 * lines, the WikiText layout, the embedded English Europarl corpus; gzip or not), windows of
 * {@code max-length} tokens with a stride and at most k sampled windows per document, an on-disk
 * cache of the tokenised windows, and BERT masking of padded batches, all seeded and reproducible.
 */
package org.minialbert.core.data;
