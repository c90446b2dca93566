package org.minialbert.core.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.ProgressBar;
import org.minialbert.core.train.StepPhases;

/**
 * Many distillation updates in a row, watching memory: after a warm-up (a tenth of the steps, at
 * least twenty) the live NDArray count must not change and the resident set size must not grow by
 * more than {@link #MAX_RSS_GROWTH} ({@link #MAX_RETAINED_GROWTH} counting the free blocks the C
 * library keeps). Memory is sampled between updates after a full garbage
 * collection, so that Java garbage not yet collected (the heap grows until its first collections)
 * does not read as growth, and after the native heap has handed its free blocks back
 * ({@link MemoryProbe#trimNativeHeap()}), so that memory the C library keeps for reuse does not
 * either; what remains is live Java data and the native memory in use, where tensors live. The
 * resident size before the trim is recorded too: it is what the process holds between updates.
 */
public final class Soak {
    /** The largest relative growth after warm-up of the memory in use that still counts as flat. */
    public static final double MAX_RSS_GROWTH = 0.02;
    /**
     * The largest relative growth of the whole resident set, free blocks the C library keeps
     * included: looser, since how much it keeps depends on the order in which blocks are reused.
     */
    public static final double MAX_RETAINED_GROWTH = 0.10;

    private Soak() {
    }

    /**
     * Memory after a step.
     *
     * @param residentBytes resident set size after a garbage collection
     * @param inUseBytes resident set size after the native heap was trimmed as well (equal to
     *     {@code residentBytes} where trimming is not possible)
     */
    public record Sample(long step, int liveArrays, long residentBytes, long inUseBytes) {
    }

    /**
     * The samples of a soak run and its verdict.
     *
     * @param warmupSteps the samples up to this step are not judged
     */
    public record Result(List<Sample> samples, long warmupSteps) {
        private Sample baseline() {
            return samples.stream().filter(s -> s.step() >= warmupSteps).findFirst().orElseThrow();
        }

        /** Whether the live NDArray count after warm-up never changed. */
        public boolean arraysFlat() {
            int expected = baseline().liveArrays();
            return samples.stream().filter(s -> s.step() >= warmupSteps).allMatch(s -> s.liveArrays() == expected);
        }

        /** Relative growth of the resident set in use from the end of warm-up to the last step. */
        public double inUseGrowth() {
            return growth(Sample::inUseBytes);
        }

        /** Relative growth of the whole resident set, the C library's free blocks included. */
        public double retainedGrowth() {
            return growth(Sample::residentBytes);
        }

        private double growth(ToLongFunction<Sample> bytes) {
            long start = bytes.applyAsLong(baseline());
            return (double) (bytes.applyAsLong(last()) - start) / start;
        }

        private Sample last() {
            return samples.get(samples.size() - 1);
        }

        public boolean passed() {
            return arraysFlat() && inUseGrowth() < MAX_RSS_GROWTH && retainedGrowth() < MAX_RETAINED_GROWTH;
        }

        public String describe() {
            Sample base = baseline();
            Sample last = last();
            return String.format(Locale.ROOT, "soak %d steps: live NDArrays %d after warm-up (step %d), %d at the end%s;"
                    + " RSS in use %.0f MiB -> %.0f MiB (%+.2f%%, limit %.0f%%); RSS with the native heap's free"
                    + " blocks %.0f MiB -> %.0f MiB (%+.2f%%, limit %.0f%%): %s", last.step(), base.liveArrays(),
                    base.step(), last.liveArrays(), arraysFlat() ? " (constant)" : " (CHANGED)",
                    mebibytes(base.inUseBytes()), mebibytes(last.inUseBytes()), 100 * inUseGrowth(),
                    100 * MAX_RSS_GROWTH, mebibytes(base.residentBytes()), mebibytes(last.residentBytes()),
                    100 * retainedGrowth(), 100 * MAX_RETAINED_GROWTH, passed() ? "PASS" : "FAIL");
        }
    }

    private static double mebibytes(long bytes) {
        return bytes / 1048576.0;
    }

    /**
     * Returns the warm-up of a soak of {@code steps} updates (the samples it does not judge: 20 steps or a
     * tenth of the run, whichever is more).
     *
     * @throws ConfigurationException when no step would be left after the warm-up
     */
    public static long checkSteps(long steps) {
        long warmup = Math.max(20, steps / 10);
        if (steps <= warmup) {
            throw new ConfigurationException("a soak needs more than " + warmup + " steps (the first " + warmup
                    + " are warm-up and not judged), got " + steps);
        }
        return warmup;
    }

    /** Runs {@code steps} updates of batches shaped {@code shape} and samples memory every {@code every} steps. */
    public static Result run(DistillationRun run, BatchShape shape, long steps, int every, MemoryProbe memory,
            PrintStream log) {
        long warmup = checkSteps(steps);
        AdamW optimizer = run.newOptimizer();
        int vocabulary = run.teacher().config().vocabSize();
        List<Sample> samples = new ArrayList<>();
        ProgressBar progress = new ProgressBar(log, "soak " + shape, steps, 0);
        for (long step = 0; step < steps; step++) {
            run.update(List.of(shape.randomBatch(vocabulary, step)), step, optimizer, 1e-5f, new StepPhases());
            long done = step + 1;
            if (done == warmup || done % every == 0 || done == steps) {
                System.gc();
                long resident = memory.residentBytes();
                long inUse = memory.trimNativeHeap() ? memory.residentBytes() : resident;
                samples.add(new Sample(done, memory.liveArrays(), resident, inUse));
                progress.update(done, String.format(Locale.ROOT, "NDArrays %d, RSS %.0f MiB (in use %.0f MiB)",
                        memory.liveArrays(), mebibytes(resident), mebibytes(inUse)));
            }
        }
        return new Result(samples, warmup);
    }
}
