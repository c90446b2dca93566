package org.minialbert.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of one benchmark run: the ceiling, measured before and after the workloads, and one row
 * per workload, as text, Markdown or JSON.
 */
public record BenchReport(GemmCeiling.Result before, GemmCeiling.Result after, List<BenchRow> rows) {
    private static final double MIB = 1024.0 * 1024.0;
    /** A larger change of the ceiling during a run is called out: the machine's speed changed. */
    private static final double NOTED_DRIFT = 0.10;

    /** The ceiling MFU is measured against: the better of the two measurements, size by size. */
    public GemmCeiling.Result ceiling() {
        return before.best(after);
    }

    /** How far the ceiling moved during the run, as a fraction of the higher measurement. */
    public double ceilingDrift() {
        double first = before.ceiling();
        double last = after.ceiling();
        return Math.abs(last - first) / Math.max(first, last);
    }

    /** One row as a log line. */
    static String line(BenchRow row, double ceilingGflops) {
        return String.format(Locale.ROOT, "%-26s %8s %9.3f s (%.3f-%.3f) %10.0f tok/s %7.1f GFLOP/s  MFU %5.1f%%"
                + "  peak RSS %6.0f MiB  NDArrays %d (%+d)  page faults/step %.0f  warm-up steps %d", row.name(),
                row.shape(), row.seconds(), row.fastestSeconds(), row.slowestSeconds(), row.tokensPerSecond(),
                row.gflops(), 100 * row.mfu(ceilingGflops), row.peakResidentBytes() / MIB, row.liveArrays(),
                row.liveArrayGrowth(), row.pageFaultsPerStep(), row.warmupSteps());
    }

    /** How many times faster the student's inference is than the teacher's, when both were measured. */
    public Optional<Double> inferenceSpeedup() {
        Optional<BenchRow> student = row("inference student");
        Optional<BenchRow> teacher = row("inference teacher");
        return student.isPresent() && teacher.isPresent()
                ? Optional.of(student.get().tokensPerSecond() / teacher.get().tokensPerSecond()) : Optional.empty();
    }

    private Optional<BenchRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The rows as a Markdown table, with the phase split of the training steps below it. */
    public String markdown() {
        GemmCeiling.Result ceiling = ceiling();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "GEMM ceiling: %.1f GFLOP/s (float32, n = %d by %s; %.1f before the "
                + "workloads, %.1f after)%n", ceiling.ceiling(), ceiling.bestSize(), ceiling.bestRoute(),
                before.ceiling(), after.ceiling()));
        if (ceilingDrift() > NOTED_DRIFT) {
            out.append(String.format(Locale.ROOT, "The ceiling moved by %.0f%% during the run: the machine's speed "
                    + "changed while it ran, so compare MFU between runs with care.%n", 100 * ceilingDrift()));
        }
        out.append('\n');
        out.append("| workload | batch | s/step | tokens/s | GFLOP/s | MFU | peak RSS (MiB) | live NDArrays (growth)"
                + " | page faults/step |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRow r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.0f | %.1f | %.1f%% | %.0f | %d (%+d) | %.0f |%n",
                    r.name(), r.shape(), r.seconds(), r.tokensPerSecond(), r.gflops(), 100 * r.mfu(ceiling.ceiling()),
                    r.peakResidentBytes() / MIB, r.liveArrays(), r.liveArrayGrowth(), r.pageFaultsPerStep()));
        }
        inferenceSpeedup().ifPresent(s -> out.append(String.format(Locale.ROOT,
                "%nstudent inference is %.2fx the teacher's tokens/s%n", s)));
        for (BenchRow r : rows) {
            if (!r.phases().isEmpty()) {
                double sum = r.phases().values().stream().mapToDouble(Double::doubleValue).sum();
                StringBuilder split = new StringBuilder();
                r.phases().forEach((phase, seconds) -> split.append(String.format(Locale.ROOT, " %s %.3f s (%.0f%%)",
                        phase, seconds, 100 * seconds / sum)));
                out.append(String.format(Locale.ROOT, "%n%s %s time per step:%s", r.name(), r.shape(), split));
            }
        }
        return out.append('\n').toString();
    }

    /** Everything as JSON (rates derived from the measured values are included for convenience). */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        GemmCeiling.Result ceiling = ceiling();
        ObjectNode gemm = root.putObject("gemm");
        gemm.put("ceiling_gflops", ceiling.ceiling());
        gemm.put("before_workloads_gflops", before.ceiling());
        gemm.put("after_workloads_gflops", after.ceiling());
        ObjectNode sizes = gemm.putObject("gflops_by_size");
        ceiling.gflopsBySize().forEach((n, rate) -> sizes.put(String.valueOf(n), rate));
        ObjectNode routes = gemm.putObject("route_by_size");
        ceiling.routeBySize().forEach((n, route) -> routes.put(String.valueOf(n), route));
        ArrayNode list = root.putArray("rows");
        for (BenchRow r : rows) {
            ObjectNode row = list.addObject();
            row.put("name", r.name());
            row.put("batch", r.shape().rows());
            row.put("length", r.shape().length());
            row.put("warmup_steps", r.warmupSteps());
            row.put("seconds_per_step", r.seconds());
            ArrayNode steps = row.putArray("step_seconds");
            r.stepSeconds().forEach(steps::add);
            row.put("tokens_per_step", r.tokens());
            row.put("flops_per_step", r.flops());
            row.put("tokens_per_second", r.tokensPerSecond());
            row.put("gflops", r.gflops());
            row.put("mfu", r.mfu(ceiling.ceiling()));
            row.put("peak_rss_bytes", r.peakResidentBytes());
            row.put("live_ndarrays", r.liveArrays());
            row.put("live_ndarray_growth", r.liveArrayGrowth());
            row.put("page_faults_per_step", r.pageFaultsPerStep());
            if (!r.phases().isEmpty()) {
                ObjectNode phases = row.putObject("phase_seconds");
                r.phases().forEach(phases::put);
            }
        }
        inferenceSpeedup().ifPresent(s -> root.put("student_inference_speedup", s));
        return root;
    }
}
