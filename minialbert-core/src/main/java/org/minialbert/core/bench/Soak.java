package org.minialbert.core.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.ProgressBar;
import org.minialbert.core.train.StepPhases;

/**
 * Many distillation updates in a row, watching memory: after a warm-up (a tenth of the steps, at
 * least twenty) the live NDArray count must not change and the resident set size must not grow by
 * more than {@link #MAX_RSS_GROWTH}. Memory is sampled after a full garbage collection, so that
 * Java garbage not yet collected (the heap grows until its first collections) does not read as
 * growth; what remains is live Java data and native memory, where tensors live.
 */
public final class Soak {
    /** The largest relative RSS growth after warm-up that still counts as flat. */
    public static final double MAX_RSS_GROWTH = 0.02;

    private Soak() {
    }

    /** Memory after a step. */
    public record Sample(long step, int liveArrays, long residentBytes) {
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

        /** Relative growth of the resident set from the end of warm-up to the last step. */
        public double residentGrowth() {
            long start = baseline().residentBytes();
            return (double) (samples.get(samples.size() - 1).residentBytes() - start) / start;
        }

        public boolean passed() {
            return arraysFlat() && residentGrowth() < MAX_RSS_GROWTH;
        }

        public String describe() {
            Sample base = baseline();
            Sample last = samples.get(samples.size() - 1);
            return String.format(Locale.ROOT, "soak %d steps: live NDArrays %d after warm-up (step %d), %d at the end%s;"
                    + " RSS %.0f MiB -> %.0f MiB (%+.2f%%, limit %.0f%%): %s", last.step(), base.liveArrays(), base.step(),
                    last.liveArrays(), arraysFlat() ? " (constant)" : " (CHANGED)", base.residentBytes() / 1048576.0,
                    last.residentBytes() / 1048576.0, 100 * residentGrowth(), 100 * MAX_RSS_GROWTH,
                    passed() ? "PASS" : "FAIL");
        }
    }

    /** Runs {@code steps} updates of batches shaped {@code shape} and samples memory every {@code every} steps. */
    public static Result run(DistillationRun run, BatchShape shape, long steps, int every, MemoryProbe memory,
            PrintStream log) {
        long warmup = Math.max(20, steps / 10);
        if (steps <= warmup) {
            throw new IllegalArgumentException("a soak needs more than " + warmup + " steps, got " + steps);
        }
        AdamW optimizer = run.newOptimizer();
        int vocabulary = run.teacher().config().vocabSize();
        List<Sample> samples = new ArrayList<>();
        ProgressBar progress = new ProgressBar(log, "soak " + shape, steps, 0);
        for (long step = 0; step < steps; step++) {
            run.update(List.of(shape.randomBatch(vocabulary, step)), step, optimizer, 1e-5f, new StepPhases());
            long done = step + 1;
            if (done == warmup || done % every == 0 || done == steps) {
                System.gc();
                samples.add(new Sample(done, memory.liveArrays(), memory.residentBytes()));
                progress.update(done, String.format(Locale.ROOT, "NDArrays %d, RSS %.0f MiB",
                        memory.liveArrays(), memory.residentBytes() / 1048576.0));
            }
        }
        return new Result(samples, warmup);
    }
}
