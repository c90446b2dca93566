/**
 * Reading and writing tensors in the formats the project exchanges with the Python world:
 * safetensors (checkpoints, encoder outputs, golden files) and the initializers of an ONNX export
 * of an HF BERT. Both produce {@link org.minialbert.core.io.TensorData}: raw little-endian bytes
 * with a dtype and shape, turned into DJL arrays only when a model needs them.
 */
package org.minialbert.core.io;
