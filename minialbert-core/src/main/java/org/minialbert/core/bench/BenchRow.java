package org.minialbert.core.bench;

import java.util.List;
import java.util.Map;

/**
 * One measured workload.
 *
 * @param name what ran, e.g. {@code distil} or {@code inference student}
 * @param shape the batch
 * @param warmupSteps untimed steps before the timed ones ({@link WarmUp})
 * @param stepSeconds seconds of each timed step, in the order they ran ({@link #seconds()} is their median)
 * @param tokens tokens per step
 * @param flops FLOPs per step by {@link FlopCount}
 * @param peakResidentBytes peak resident set size while it ran (-1 where unknown)
 * @param liveArrays NDArrays alive after its last step
 * @param liveArrayGrowth change of the live NDArray count over the timed steps (0 = no leak)
 * @param pageFaultsPerStep minor page faults per timed step, pages touched for the first time (-1 where unknown)
 * @param phases seconds per step by phase (training steps that report them; else empty)
 */
public record BenchRow(String name, BatchShape shape, int warmupSteps, List<Double> stepSeconds, long tokens,
        double flops, long peakResidentBytes, int liveArrays, int liveArrayGrowth, double pageFaultsPerStep,
        Map<String, Double> phases) {

    /** @throws IllegalArgumentException if no step was timed */
    public BenchRow {
        if (stepSeconds.isEmpty()) {
            throw new IllegalArgumentException(name + ": no timed step");
        }
        stepSeconds = List.copyOf(stepSeconds);
    }

    /** This row with the per-step phase times of a training step. */
    public BenchRow withPhases(Map<String, Double> perStep) {
        return new BenchRow(name, shape, warmupSteps, stepSeconds, tokens, flops, peakResidentBytes, liveArrays,
                liveArrayGrowth, pageFaultsPerStep, perStep);
    }

    /** Median seconds per step, what the row's rates are computed from. */
    public double seconds() {
        return StepTimer.median(stepSeconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Seconds of the fastest timed step. */
    public double fastestSeconds() {
        return stepSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** Seconds of the slowest timed step. */
    public double slowestSeconds() {
        return stepSeconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    public double tokensPerSecond() {
        return tokens / seconds();
    }

    public double gflops() {
        return flops / seconds() / 1e9;
    }

    /** Model FLOP utilisation: the achieved rate as a fraction of {@code ceilingGflops}. */
    public double mfu(double ceilingGflops) {
        return gflops() / ceilingGflops;
    }
}
