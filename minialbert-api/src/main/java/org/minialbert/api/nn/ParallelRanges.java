package org.minialbert.api.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs element-wise work that Java does on the CPU between engine operations (dropout masks, the
 * optimizer's update) on all processors: {@code [0, total)} is cut into equal contiguous ranges,
 * one per processor, the first run by the calling thread and the others by daemon threads kept for
 * reuse. The engine runs no operation meanwhile, but its OpenMP threads keep spinning for a few
 * milliseconds after each one and compete with the extra threads for cores: callers set the minimum
 * range so that work shorter than that stays on the calling thread.
 */
public final class ParallelRanges {
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "minialbert-cpu-worker");
        thread.setDaemon(true);
        return thread;
    });

    private ParallelRanges() {
    }

    /** Work on the elements {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(long from, long to);
    }

    /**
     * Runs {@code work} over {@code [0, total)} and returns when every range is done, with ranges
     * of at least {@code minPerRange} elements (so small work stays on the calling thread). A
     * failure in any range is thrown here, after every range has finished.
     */
    public static void run(long total, long minPerRange, Range work) {
        int ranges = (int) Math.max(1, Math.min(PROCESSORS, total / Math.max(1, minPerRange)));
        List<Future<?>> others = new ArrayList<>();
        for (int r = 1; r < ranges; r++) {
            long from = total * r / ranges;
            long to = total * (r + 1) / ranges;
            others.add(WORKERS.submit(() -> work.run(from, to)));
        }
        Throwable failure = null;
        try {
            work.run(0, total / ranges);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // every range has finished before this returns, even after a failure: the ranges may write
        // into memory that the caller frees next
        boolean interrupted = false;
        for (Future<?> other : others) {
            while (true) {
                try {
                    other.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
