package org.minialbert.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.minialbert.api.nn.LinearKernel;

/**
 * The engine's float32 matrix-multiply rate on this machine: square products of a few large sizes,
 * each timed several times through both routes the models multiply by (the engine's product, MKL on
 * the CPU, and the installed {@link LinearKernel}, oneDNN where no gradient is recorded); the best
 * rate is the ceiling that model steps are measured against (their model FLOP utilisation, MFU).
 */
public final class GemmCeiling {
    private GemmCeiling() {
    }

    /**
     * The measured rates.
     *
     * @param gflopsBySize best GFLOP/s per matrix size n (2·n³ FLOPs per product)
     */
    public record Result(Map<Integer, Double> gflopsBySize) {
        /** The best rate over all sizes, in GFLOP/s. */
        public double ceiling() {
            return gflopsBySize.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** The better rate of this and {@code other} for each size. */
        public Result best(Result other) {
            Map<Integer, Double> rates = new LinkedHashMap<>(gflopsBySize);
            other.gflopsBySize.forEach((n, rate) -> rates.merge(n, rate, Math::max));
            return new Result(rates);
        }

        /** The size that reached the ceiling. */
        public int bestSize() {
            return gflopsBySize.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /**
     * Measures {@code repeats} products of each size by each route (after one untimed product each)
     * and keeps the fastest.
     */
    public static Result measure(NDManager parent, int[] sizes, int repeats) {
        Map<Integer, Double> rates = new LinkedHashMap<>();
        LinearKernel kernel = LinearKernel.installed();
        for (int n : sizes) {
            try (NDManager scope = parent.newSubManager()) {
                NDArray a = scope.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
                NDArray b = scope.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
                NDArray zero = scope.zeros(new Shape(n), DataType.FLOAT32);
                List<Supplier<NDArray>> routes = List.of(() -> a.matMul(b), () -> kernel.linear(a, b, zero));
                routes.forEach(route -> route.get().close());
                long best = Long.MAX_VALUE;
                for (int r = 0; r < repeats; r++) {
                    for (Supplier<NDArray> route : routes) {
                        long start = System.nanoTime();
                        NDArray product = route.get();
                        best = Math.min(best, System.nanoTime() - start);
                        product.close();
                    }
                }
                rates.put(n, 2.0 * n * n * n / best);
            }
        }
        return new Result(rates);
    }
}
