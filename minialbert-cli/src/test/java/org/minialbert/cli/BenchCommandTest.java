package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minialbert bench} on the embedded default job at tiny shapes: every row, JSON, soak mode, bad input. */
class BenchCommandTest {
    private static final Object[] TINY = {"--steps", 1, "--warmup", 0, "--distil-shapes", "1x12", "--finetune-shape",
        "1x12", "--inference-shape", "2x12", "--gemm-sizes", "64"};

    @TempDir
    Path tmp;

    @Test
    void measuresTheDefaultJobAndWritesJson() throws IOException {
        Path json = tmp.resolve("bench.json");
        Path profiles = tmp.resolve("profiles");
        Object[] args = concat(new Object[] {"bench", "--json", json, "--profile", profiles}, TINY);
        CliRun run = CliRun.of(args).succeeded();
        assertThat(run.out()).contains("bench preset default: teacher 12 layers H=384; student 6 iterations E=128 H=384",
                "| teacher forward | 1x12 |", "| distil | 1x12 |", "| finetune student | 1x12 |",
                "| inference teacher | 2x12 |", "student inference is", "glibc malloc settings: ",
                "preloaded native libraries (LD_PRELOAD): ", "linear maps without a gradient: OneDnnLinear", "distil 1x12 time per step:", "written: " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("rows")).hasSize(7);
        assertThat(report.get("rows").get(2).get("mfu").asDouble()).isPositive();
        assertThat(profiles.resolve("distil-1x12.trace.json")).isNotEmptyFile();
        assertThat(profiles.resolve("inference-teacher-2x12.md")).content()
                .contains("| mkldnn::_linear_pointwise |", "(outside operators)");
    }

    @Test
    void soakModeReportsItsVerdict() {
        CliRun run = CliRun.of("bench", "--soak", 25, "--distil-shapes", "1x12");
        assertThat(run.out()).contains("soak 25 steps: live NDArrays");
        assertThat(run.status()).as(run.describe()).isEqualTo(run.out().contains("PASS") ? 0 : 1);
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThat(CliRun.of("bench", "--preset", "huge").userError()).contains("unknown bench preset 'huge'",
                "paper-768");
        assertThat(CliRun.of("bench", "--distil-shapes", "8y128").userError()).contains("expected ROWSxLENGTH");
        assertThat(CliRun.of("bench", "--steps", 0).userError()).contains("--steps must be at least 1");
        assertThat(CliRun.of("bench", "--soak", 12).userError()).contains("a soak needs more than 20 steps", "got 12");
        assertThat(CliRun.of("bench", "--preset", "paper-768", "--job", tmp.resolve("x.conf")).userError())
                .contains("not both");
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = new Object[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
