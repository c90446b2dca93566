package org.minialbert.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.model.ModelFactory;

/** Every workload of the benchmark on a tiny preset, the soak check, and the small parts they use. */
class BenchmarkTest {
    private static TinyPresetRun tiny;
    private static NDManager manager;
    private static ModelFactory factory;
    private static DistillationRun run;

    @BeforeAll
    static void prepare() {
        tiny = TinyPresetRun.open();
        manager = tiny.manager();
        factory = tiny.factory();
        run = tiny.run();
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void measuresEveryWorkloadWithoutLeakingArrays(@TempDir Path profiles) throws IOException {
        Benchmark.Options options = new Benchmark.Options(1, 2, List.of(BatchShape.parse("2x16"),
                BatchShape.parse("1x32")), BatchShape.parse("2x16"), BatchShape.parse("3x16"), new int[] {64, 128},
                profiles);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchReport report = new Benchmark(run, factory, manager, options,
                new PrintStream(log, true, StandardCharsets.UTF_8)).measure();

        assertThat(report.rows()).extracting(BenchRow::name).containsExactly("teacher forward",
                "student forward+backward", "distil", "distil", "finetune student", "finetune teacher",
                "inference student", "inference teacher");
        assertThat(report.rows()).extracting(r -> r.shape().toString()).containsExactly("2x16", "2x16", "2x16", "1x32",
                "2x16", "2x16", "3x16", "3x16");
        assertThat(report.ceiling().gflopsBySize()).containsOnlyKeys(64, 128);
        assertThat(report.ceiling().routeBySize()).containsOnlyKeys(64, 128).allSatisfy((n, route) ->
                assertThat(route).isIn(GemmCeiling.ENGINE_PRODUCT, "oneDNN"));
        assertThat(report.ceiling().ceiling()).isPositive().isFinite();
        for (BenchRow row : report.rows()) {
            assertThat(row.stepSeconds()).as(row.name()).hasSize(options.steps());
            assertThat(row.seconds()).as(row.name()).isPositive();
            assertThat(row.flops()).as(row.name()).isPositive();
            assertThat(row.liveArrayGrowth()).as(row.name() + " leaks NDArrays").isZero();
            assertThat(row.pageFaultsPerStep()).as(row.name()).isGreaterThanOrEqualTo(
                    System.getProperty("os.name").startsWith("Linux") ? 0 : -1);
        }
        BenchRow distil = report.rows().get(2);
        assertThat(distil.phases()).containsKeys("data", "teacher", "student", "loss", "backward", "optimizer");
        assertThat(distil.phases().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(distil.seconds(), withPercentage(60));
        assertThat(report.inferenceSpeedup()).isPresent();
        assertThat(report.markdown()).contains("| distil | 1x32 |", "distil 2x16 time per step:", "GEMM ceiling");
        JsonNode json = report.toJson();
        assertThat(json.get("rows")).hasSize(8);
        assertThat(json.get("rows").get(2).get("phase_seconds").has("backward")).isTrue();
        assertThat(json.get("rows").get(2).get("step_seconds")).extracting(JsonNode::asDouble)
                .containsExactlyElementsOf(report.rows().get(2).stepSeconds());
        for (BenchRow row : report.rows()) {
            assertThat(row.warmupSteps()).as(row.name() + " warm-up").isBetween(1, 1 + WarmUp.MAX_EXTRA_STEPS);
        }
        assertThat(json.get("rows").get(2).get("warmup_steps").asInt()).isEqualTo(report.rows().get(2).warmupSteps());
        assertThat(json.get("rows").get(2).get("page_faults_per_step").asDouble())
                .isEqualTo(report.rows().get(2).pageFaultsPerStep());
        assertThat(json.get("gemm").get("ceiling_gflops").asDouble()).isEqualTo(report.ceiling().ceiling());
        assertThat(report.ceiling().ceiling()).as("the better of the two measurements")
                .isEqualTo(Math.max(report.before().ceiling(), report.after().ceiling()));
        assertThat(json.get("gemm").get("before_workloads_gflops").asDouble()).isEqualTo(report.before().ceiling());
        assertThat(json.get("gemm").get("after_workloads_gflops").asDouble()).isEqualTo(report.after().ceiling());
        assertThat(report.markdown()).contains(String.format(Locale.ROOT, "%.1f before the workloads, %.1f after",
                report.before().ceiling(), report.after().ceiling()));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("ceiling", "inference teacher");
        assertThat(profiles.resolve("distil-1x32.trace.json")).isNotEmptyFile();
        assertThat(profiles.resolve("student-forward-backward-2x16.md")).isNotEmptyFile();
        assertThat(Files.readString(profiles.resolve("distil-2x16.md"))).contains("distil 2x16: 2 profiled steps",
                "| aten::addmm | ", "(outside operators)");
        assertThat(Files.readString(profiles.resolve("distil-2x16.trace.json"))).as("the backward pass is recorded")
                .contains("Backward0");
    }

    /**
     * The short soak: the live NDArray count must not move at all. This tiny process has an RSS of
     * about 300 MiB, where allocator and JIT noise is about 10 MiB, so here RSS may move by at most
     * 10% (a leaked gradient or activation per step would add far more over 150 steps); the 2%
     * target is checked by {@code minialbert bench --soak 1000} on the real job.
     */
    @Test
    void soakKeepsArraysConstantAndMemoryFlat() {
        MemoryProbe memory = new MemoryProbe(manager);
        Soak.Result result = Soak.run(run, BatchShape.parse("2x16"), 150, 10, memory,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(result.samples()).hasSizeGreaterThan(10);
        assertThat(result.arraysFlat()).as(result.describe()).isTrue();
        assertThat(result.inUseGrowth()).as(result.describe() + " " + result.samples()).isLessThan(0.10);
        assertThat(result.describe()).contains("soak 150 steps", "(constant)");
    }

    @Test
    void soakVerdictFailsOnGrowth() {
        Soak.Result leaking = new Soak.Result(List.of(new Soak.Sample(10, 100, 1000, 1000),
                new Soak.Sample(20, 101, 1000, 1000)), 10);
        assertThat(leaking.arraysFlat()).isFalse();
        assertThat(leaking.passed()).isFalse();
        Soak.Result growing = new Soak.Result(List.of(new Soak.Sample(10, 100, 1000, 1000),
                new Soak.Sample(20, 100, 1030, 1030)), 10);
        assertThat(growing.inUseGrowth()).isEqualTo(0.03);
        assertThat(growing.describe()).contains("FAIL");
        Soak.Result flat = new Soak.Result(List.of(new Soak.Sample(5, 90, 900, 900), new Soak.Sample(10, 100, 1000, 1000),
                new Soak.Sample(20, 100, 1010, 1010)), 10);
        assertThat(flat.passed()).isTrue();
        long mib = 1 << 20;
        Soak.Result retaining = new Soak.Result(List.of(new Soak.Sample(10, 100, 2000 * mib, 1000 * mib),
                new Soak.Sample(20, 100, 2100 * mib, 1010 * mib)), 10);
        assertThat(retaining.passed()).as("free blocks the heap keeps may vary more").isTrue();
        assertThat(retaining.describe()).contains("RSS in use 1000 MiB -> 1010 MiB (+1.00%, limit 2%)",
                "free blocks 2000 MiB -> 2100 MiB (+5.00%, limit 10%): PASS");
        Soak.Result bloating = new Soak.Result(List.of(new Soak.Sample(10, 100, 2000 * mib, 1000 * mib),
                new Soak.Sample(20, 100, 2400 * mib, 1010 * mib)), 10);
        assertThat(bloating.passed()).as("but not without bound").isFalse();
    }

    private static List<String> diagnosticCommands() {
        try {
            return Arrays.stream(ManagementFactory.getPlatformMBeanServer()
                    .getMBeanInfo(new ObjectName("com.sun.management:type=DiagnosticCommand")).getOperations())
                    .map(MBeanOperationInfo::getName).toList();
        } catch (JMException e) {
            return List.of();
        }
    }

    @Test
    void memoryProbeSeesArraysComeAndGo() {
        MemoryProbe memory = new MemoryProbe(manager);
        int before = memory.liveArrays();
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.zeros(new Shape(4));
            NDArray b = a.add(1f);
            assertThat(memory.liveArrays()).isEqualTo(before + 2);
            b.close();
            assertThat(memory.liveArrays()).isEqualTo(before + 1);
        }
        assertThat(memory.liveArrays()).isEqualTo(before);
        if (diagnosticCommands().contains("systemTrimNativeHeap")) {
            assertThat(memory.trimNativeHeap()).as("the JVM offers System.trim_native_heap").isTrue();
        }
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(memory.residentBytes()).isPositive();
            assertThat(memory.peakResidentBytes()).isPositive();
        }
    }

    @Test
    void pageFaultsCountPagesTouchedForTheFirstTime(@TempDir Path dir) throws IOException {
        MemoryProbe memory = new MemoryProbe(manager);
        if (!System.getProperty("os.name").startsWith("Linux")) {
            assertThat(memory.minorPageFaults()).isEqualTo(-1);
            return;
        }
        int pages = 1024;
        Path file = dir.resolve("pages");
        Files.write(file, new byte[pages * 4096]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, pages * 4096L);
            long before = memory.minorPageFaults();
            // the first write to each page of a new mapping faults, though the kernel may map several
            // pages per fault (523 faults for these 1024 pages on the development machine)
            for (int page = 0; page < pages; page++) {
                mapped.put(page * 4096, (byte) 1);
            }
            long after = memory.minorPageFaults();
            assertThat(before).isPositive();
            assertThat(after - before).isBetween(pages / 8L, 4L * pages);
        }
    }

    @Test
    void shapesAndMediansParseAndCompute() {
        assertThat(BatchShape.parse(" 8X128 ")).isEqualTo(new BatchShape(8, 128));
        assertThat(BatchShape.parse("8x128").tokens()).isEqualTo(1024);
        assertThatThrownBy(() -> BatchShape.parse("8y128")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("expected ROWSxLENGTH");
        assertThatThrownBy(() -> BatchShape.parse("0x128")).isInstanceOf(ConfigurationException.class);
        long[] ids = BatchShape.parse("2x5").randomBatch(100, 7).inputIds();
        assertThat(ids).hasSize(10);
        assertThat(Arrays.stream(ids).allMatch(id -> id >= 10 && id < 100)).isTrue();
        assertThat(StepTimer.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(StepTimer.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        int[] runs = new int[1];
        double[] times = StepTimer.time(3, () -> runs[0]++);
        assertThat(times).hasSize(3);
        assertThat(Arrays.stream(times).min().orElseThrow()).isNotNegative();
        assertThat(runs[0]).isEqualTo(3);
        assertThatThrownBy(() -> StepTimer.time(0, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowReportsTheMedianOfItsStepsAndTheirSpread() {
        BenchRow row = new BenchRow("distil", new BatchShape(2, 4), 1, List.of(4.0, 1.0, 2.0), 8, 16e9, -1, 0, 0, -1,
                Map.of());
        assertThat(row.seconds()).isEqualTo(2.0);
        assertThat(row.fastestSeconds()).isEqualTo(1.0);
        assertThat(row.slowestSeconds()).isEqualTo(4.0);
        assertThat(row.tokensPerSecond()).isEqualTo(4.0);
        assertThat(row.gflops()).isEqualTo(8.0);
        assertThat(BenchReport.line(row, 16)).contains("2.000 s (1.000-4.000)", "MFU  50.0%");
        assertThatThrownBy(() -> new BenchRow("distil", new BatchShape(2, 4), 1, List.of(), 8, 16e9, -1, 0, 0, -1,
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no timed step");
    }

    @Test
    void presetsAreNamedAndUnknownOnesListTheChoices() {
        assertThat(BenchPreset.named("default").randomTeacher()).isEmpty();
        assertThat(BenchPreset.named("paper-768").randomTeacher()).hasValueSatisfying(c -> {
            assertThat(c.hiddenSize()).isEqualTo(768);
            assertThat(c.layers()).isEqualTo(12);
        });
        assertThat(BenchPreset.names()).contains("default", "paper-768", "paper-312", "paper-128", "test-tiny");
        assertThatThrownBy(() -> BenchPreset.named("huge")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown bench preset 'huge'").hasMessageContaining("paper-768");
    }
}
