package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.LinearKernel;
import org.minialbert.core.bench.BatchShape;
import org.minialbert.core.bench.BenchPreset;
import org.minialbert.core.bench.BenchReport;
import org.minialbert.core.bench.Benchmark;
import org.minialbert.core.bench.MemoryProbe;
import org.minialbert.core.bench.Soak;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minialbert bench}: speed against the machine's GEMM ceiling, and memory over many steps. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure, in one run: the engine's float32 GEMM rate (the ceiling), the teacher's forward pass, "
                + "the student's forward+backward, the distillation update, fine-tuning updates and inference, each as "
                + "tokens/s, GFLOP/s, fraction of the ceiling (MFU), peak RSS and live NDArrays (median of --steps "
                + "timed steps after --warmup).",
            "With --soak N: run N distillation updates instead and check that memory stays flat (exit 1 if not).",
            "FLOP formulas and results: docs/performance.md."})
final class BenchCommand implements Callable<Integer> {
    private final ModelLocator locator;
    private final ModelFactory factory;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME",
            description = "default (the default distillation job), paper-768, paper-312, paper-128 (a random BERT-base "
                    + "teacher); default: ${DEFAULT-VALUE}")
    private String preset;

    @Option(names = "--job", paramLabel = "JOB.conf", description = "benchmark this distillation job (with its teacher) "
            + "instead of the preset's")
    private Path job;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a job key, e.g. --set student.iterations=4")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "5", description = "timed steps per workload (default: ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed steps first, at least (up to 12 more run "
            + "until the process's memory stops growing; 0: none) (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--distil-shapes", defaultValue = "8x128,16x256", split = ",", paramLabel = "BxT",
            description = "distillation batches (default: ${DEFAULT-VALUE}); the first also times the teacher and "
                    + "student passes alone")
    private List<String> distilShapes;

    @Option(names = "--finetune-shape", defaultValue = "32x128", paramLabel = "BxT",
            description = "fine-tuning batch (default: ${DEFAULT-VALUE})")
    private String fineTuneShape;

    @Option(names = "--inference-shape", defaultValue = "32x128", paramLabel = "BxT",
            description = "inference batch (default: ${DEFAULT-VALUE})")
    private String inferenceShape;

    @Option(names = "--gemm-sizes", defaultValue = "1024,2048,4096", split = ",", paramLabel = "N",
            description = "square matrix sizes for the ceiling (default: ${DEFAULT-VALUE})")
    private int[] gemmSizes;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    private Path json;

    @Option(names = "--profile", paramLabel = "DIR", description = "also profile each workload by operator (PyTorch's "
            + "profiler, on --steps extra steps after the timed ones): a Chrome trace and a table of operators by self "
            + "time per workload in DIR")
    private Path profile;

    @Option(names = "--soak", paramLabel = "N", description = "soak mode: N distillation updates at the first "
            + "distillation shape, memory sampled as they run")
    private Long soak;

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    BenchCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    @Override
    public Integer call() {
        if (steps < 1 || warmup < 0) {
            throw new ConfigurationException("--steps must be at least 1 and --warmup at least 0");
        }
        if (job != null && !"default".equals(preset)) {
            throw new ConfigurationException("give --preset or --job, not both");
        }
        if (soak != null) {
            Soak.checkSteps(soak);
        }
        List<BatchShape> distil = distilShapes.stream().map(BatchShape::parse).toList();
        Benchmark.Options options = new Benchmark.Options(warmup, steps, distil, BatchShape.parse(fineTuneShape),
                BatchShape.parse(inferenceShape), gemmSizes, profileDir());
        BenchPreset chosen = BenchPreset.named(preset);
        PrintWriter out = spec.commandLine().getOut();
        PrintStream log = System.err;
        try (NDManager manager = OfflineEngine.newManager(device.choice());
                DistillationRun run = chosen.prepare(job, overrides, locator, factory, manager)) {
            out.printf("bench %s: teacher %d layers H=%d; student %d iterations E=%d H=%d; %d engine threads, %d "
                    + "processors%n", job != null ? job : "preset " + preset, run.teacher().config().layers(),
                    run.teacher().config().hiddenSize(), run.student().config().layers(),
                    run.student().config().embeddingSize(), run.student().config().hiddenSize(),
                    JniUtils.getNumThreads(), Runtime.getRuntime().availableProcessors());
            out.println("glibc malloc settings: " + mallocSettings());
            out.println("preloaded native libraries (LD_PRELOAD): " + preloads());
            out.println("linear maps without a gradient: " + linearKernel());
            out.flush();
            if (soak != null) {
                Soak.Result result = Soak.run(run, distil.get(0), soak, (int) Math.max(1, soak / 50),
                        new MemoryProbe(manager), log);
                out.println(result.describe());
                return result.passed() ? 0 : 1;
            }
            BenchReport report = new Benchmark(run, factory, manager, options, log).measure();
            out.print(report.markdown());
            if (json != null) {
                write(json, report);
                out.println("written: " + json);
            }
            out.flush();
            return 0;
        }
    }

    private Path profileDir() {
        if (profile == null) {
            return null;
        }
        try {
            return Files.createDirectories(profile);
        } catch (IOException e) {
            throw new ConfigurationException("--profile " + profile + ": cannot create the folder: " + e.getMessage(), e);
        }
    }

    /** The MALLOC_* variables in effect (the launcher sets them; they change allocation costs). */
    private static String mallocSettings() {
        String set = System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("MALLOC_"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(" "));
        return set.isEmpty() ? "glibc defaults" : set;
    }

    /**
     * The libraries preloaded ahead of the engine, such as the one the launcher adds on AMD processors
     * so that MKL uses its AVX2 kernels (docs/performance.md, change 21).
     */
    private static String preloads() {
        String preload = System.getenv("LD_PRELOAD");
        return preload == null || preload.isBlank() ? "none" : preload;
    }

    /** Which kernel multiplies where no gradient is recorded ({@code minialbert.linear-kernel} chooses). */
    private static String linearKernel() {
        LinearKernel kernel = LinearKernel.installed();
        return kernel == LinearKernel.ENGINE_OPERATOR ? "the engine's operator" : kernel.getClass().getSimpleName();
    }

    private static void write(Path file, BenchReport report) {
        try {
            AtomicFiles.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report.toJson()));
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
