/**
 * The benchmark behind {@code minialbert bench}: the engine's matrix-multiply rate (the ceiling),
 * timed distillation, fine-tuning and inference steps with their FLOP counts, memory probes (RSS
 * and live NDArrays) and the soak run that checks memory stays flat over many steps. See
 * {@code docs/performance.md} for the FLOP formulas and measured results.
 */
package org.minialbert.core.bench;
