/**
 * Building blocks shared by the core models and by plugins: named trainable tensors
 * ({@link org.minialbert.api.nn.Weight}) collected in a {@link org.minialbert.api.nn.Weights}
 * table under their checkpoint names, and the functional layers the transformer is made of
 * (linear maps stored PyTorch-style as (out, in), LayerNorm, the GELU activations). Keeping them
 * here lets an adapter plugin build exactly the same pieces as the core encoder. Linear maps multiply
 * through the {@link org.minialbert.api.nn.LinearKernel} the engine's module installs.
 */
package org.minialbert.api.nn;
