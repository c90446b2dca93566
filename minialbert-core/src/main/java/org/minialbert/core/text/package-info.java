/**
 * Tokenisation with a model's HF {@code tokenizer.json} through DJL's native HuggingFace tokenizers
 * (the same ids as the Python tokenizer), and turning token sequences into padded encoder batches.
 */
package org.minialbert.core.text;
