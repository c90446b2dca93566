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
import org.minialbert.core.engine.OneDnnLinear;

/**
 * The engine's float32 matrix-multiply rate on this machine: square products of a few large sizes,
 * each timed several times through every route the models can multiply by (the engine's product, MKL
 * on the CPU; the installed {@link LinearKernel}; and {@link OneDnnLinear} even where the models are
 * set to use the engine's operator, so that the ceiling does not depend on that setting); the best
 * rate is the ceiling that model steps are measured against (their model FLOP utilisation, MFU).
 */
public final class GemmCeiling {
    /** The route of the engine's own product ({@code matMul}; MKL on the CPU). */
    public static final String ENGINE_PRODUCT = "engine matMul";
    /**
     * oneDNN's route where the models are set to the engine's operator: one for the process, so that
     * its TorchScript module is compiled and loaded once, not at every measurement.
     */
    private static final LinearKernel ONE_DNN = new OneDnnLinear();

    private GemmCeiling() {
    }

    /**
     * The measured rates.
     *
     * @param gflopsBySize best GFLOP/s per matrix size n (2·n³ FLOPs per product)
     * @param routeBySize the route that reached it ({@link #ENGINE_PRODUCT} or the linear kernel's
     *     {@link LinearKernel#route route})
     */
    public record Result(Map<Integer, Double> gflopsBySize, Map<Integer, String> routeBySize) {
        public Result {
            if (!gflopsBySize.keySet().equals(routeBySize.keySet())) {
                throw new IllegalArgumentException("rates for sizes " + gflopsBySize.keySet() + " but routes for "
                        + routeBySize.keySet());
            }
        }

        /** The best rate over all sizes, in GFLOP/s. */
        public double ceiling() {
            return gflopsBySize.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** The better rate of this and {@code other} for each size, with its route. */
        public Result best(Result other) {
            Map<Integer, Double> rates = new LinkedHashMap<>(gflopsBySize);
            Map<Integer, String> routes = new LinkedHashMap<>(routeBySize);
            other.gflopsBySize.forEach((n, rate) -> {
                if (!rates.containsKey(n) || rate > rates.get(n)) {
                    rates.put(n, rate);
                    routes.put(n, other.routeBySize.get(n));
                }
            });
            return new Result(rates, routes);
        }

        /** The size that reached the ceiling. */
        public int bestSize() {
            return gflopsBySize.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        /** The route that reached the ceiling. */
        public String bestRoute() {
            return routeBySize.get(bestSize());
        }
    }

    /**
     * Measures {@code repeats} products of each size by each route (after one untimed product each)
     * and keeps the fastest.
     */
    public static Result measure(NDManager parent, int[] sizes, int repeats) {
        // every route this engine has, whichever one the models are set to use, so that the ceiling
        // does not depend on that setting (minialbert.linear-kernel); oneDNN's only once
        LinearKernel installed = LinearKernel.installed();
        return measure(parent, sizes, repeats,
                installed instanceof OneDnnLinear ? List.of(installed) : List.of(installed, ONE_DNN));
    }

    /** As {@link #measure(NDManager, int[], int)}, timing the engine's product and each of {@code kernels}. */
    static Result measure(NDManager parent, int[] sizes, int repeats, List<LinearKernel> kernels) {
        Map<Integer, Double> rates = new LinkedHashMap<>();
        Map<Integer, String> routes = new LinkedHashMap<>();
        for (int n : sizes) {
            try (NDManager scope = parent.newSubManager()) {
                NDArray a = scope.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
                NDArray b = scope.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
                NDArray zero = scope.zeros(new Shape(n), DataType.FLOAT32);
                a.matMul(b).close();
                Map<String, Supplier<NDArray>> byRoute = new LinkedHashMap<>();
                byRoute.put(ENGINE_PRODUCT, () -> a.matMul(b));
                for (LinearKernel kernel : kernels) {
                    // the first product also loads the kernel's module, so the route is then the one taken
                    kernel.linear(a, b, zero).close();
                    byRoute.putIfAbsent(kernel.route(a, b, zero), () -> kernel.linear(a, b, zero));
                }
                long best = Long.MAX_VALUE;
                for (int r = 0; r < repeats; r++) {
                    for (Map.Entry<String, Supplier<NDArray>> route : byRoute.entrySet()) {
                        long start = System.nanoTime();
                        NDArray product = route.getValue().get();
                        long elapsed = System.nanoTime() - start;
                        product.close();
                        if (elapsed < best) {
                            best = elapsed;
                            routes.put(n, route.getKey());
                        }
                    }
                }
                rates.put(n, 2.0 * n * n * n / best);
            }
        }
        return new Result(rates, routes);
    }
}
