package org.minialbert.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's ceiling: the better of the two measurements, and a note when they differ much. */
class BenchReportTest {

    @Test
    void ceilingIsTheBetterMeasurementSizeBySize() {
        BenchReport report = new BenchReport(
                new GemmCeiling.Result(Map.of(1024, 120.0, 2048, 150.0), Map.of(1024, "one", 2048, "one")),
                new GemmCeiling.Result(Map.of(1024, 130.0, 2048, 140.0), Map.of(1024, "two", 2048, "two")), List.of());

        assertThat(report.ceiling().gflopsBySize()).containsEntry(1024, 130.0).containsEntry(2048, 150.0);
        assertThat(report.ceiling().routeBySize()).containsEntry(1024, "two").containsEntry(2048, "one");
        assertThat(report.ceiling().ceiling()).isEqualTo(150.0);
        assertThat(report.ceilingDrift()).as("|140 - 150| / 150").isCloseTo(1 / 15.0, within(1e-12));
        assertThat(report.markdown()).contains("GEMM ceiling: 150.0 GFLOP/s (float32, n = 2048 by one; 150.0 "
                + "before the workloads, 140.0 after)").doesNotContain("moved by");
        assertThat(report.toJson().get("gemm").get("route_by_size").get("1024").asText()).isEqualTo("two");
    }

    @Test
    void aCeilingThatMovedByMoreThanATenthIsCalledOut() {
        BenchReport report = new BenchReport(new GemmCeiling.Result(Map.of(4096, 142.0), Map.of(4096, "one")),
                new GemmCeiling.Result(Map.of(4096, 175.7), Map.of(4096, "one")), List.of());

        assertThat(report.markdown()).contains("The ceiling moved by 19% during the run");
        assertThat(report.toJson().get("gemm").get("before_workloads_gflops").asDouble()).isEqualTo(142.0);
    }
}
