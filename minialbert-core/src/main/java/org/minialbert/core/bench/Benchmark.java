package org.minialbert.core.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.finetune.FineTuneSettings;
import org.minialbert.core.finetune.FineTuneStep;
import org.minialbert.core.finetune.SentenceFineTuner;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.model.AttentionMaps;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.text.TokenBatch;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.StepPhases;

/**
 * Runs every workload of {@code minialbert bench} on one prepared distillation job, in one process:
 * the GEMM ceiling, then the teacher's forward pass, the student's forward and backward passes, the
 * distillation update at each requested shape (with where its time goes), a fine-tuning update of
 * the student and of the teacher with a sequence head, inference of both, and the ceiling once more
 * (the first measurement can be slowed by the JVM still compiling on the other cores; the better of
 * the two is the ceiling). Each workload runs untimed steps until memory settles ({@link WarmUp}, at
 * least {@code warmup}), then {@code steps} timed ones; rows report the median.
 */
public final class Benchmark {
    private static final int LABELS = 2;
    private static final int PROFILE_ROWS = 25;

    /**
     * What to measure.
     *
     * @param gemmSizes square matrix sizes for the ceiling
     * @param profileDir where to write an operator profile of each workload (null: none); the profiled
     *     steps run after the timed ones, so the profiler's overhead does not touch the timings
     */
    public record Options(int warmup, int steps, List<BatchShape> distilShapes, BatchShape fineTune,
            BatchShape inference, int[] gemmSizes, Path profileDir) {
    }

    private final DistillationRun run;
    private final ModelFactory factory;
    private final NDManager manager;
    private final Options options;
    private final PrintStream log;
    private final MemoryProbe memory;

    public Benchmark(DistillationRun run, ModelFactory factory, NDManager manager, Options options, PrintStream log) {
        this.run = run;
        this.factory = factory;
        this.manager = manager;
        this.options = options;
        this.log = log;
        this.memory = new MemoryProbe(manager);
    }

    /**
     * Measures everything; rows are printed to the log as they complete, with their MFU against the
     * ceiling measured before the workloads (the report's table uses the better of both measurements).
     */
    public BenchReport measure() {
        log.println("GEMM ceiling: float32 products of sizes " + Arrays.toString(options.gemmSizes()));
        GemmCeiling.Result before = GemmCeiling.measure(manager, options.gemmSizes(), Math.max(3, options.steps()));
        log.printf("ceiling %.1f GFLOP/s (n = %d by %s)%n", before.ceiling(), before.bestSize(), before.bestRoute());
        List<BenchRow> rows = new ArrayList<>();
        EncoderModel teacher = run.teacher();
        EncoderModel student = run.student();
        BatchShape first = options.distilShapes().get(0);
        AdamW optimizer = run.newOptimizer();
        rows.add(report(forward("teacher forward", teacher, first, AttentionMaps.KEEP), before));
        rows.add(report(studentForwardBackward(first, optimizer), before));
        for (BatchShape shape : options.distilShapes()) {
            rows.add(report(distil(shape, optimizer), before));
        }
        rows.add(report(fineTune("finetune student", student), before));
        rows.add(report(fineTune("finetune teacher", teacher), before));
        rows.add(report(forward("inference student", student, options.inference(), AttentionMaps.SKIP), before));
        rows.add(report(forward("inference teacher", teacher, options.inference(), AttentionMaps.SKIP), before));
        GemmCeiling.Result after = GemmCeiling.measure(manager, options.gemmSizes(), Math.max(3, options.steps()));
        BenchReport report = new BenchReport(before, after, rows);
        log.printf("ceiling measured again after the workloads: %.1f GFLOP/s; the table uses the better, %.1f%n",
                after.ceiling(), report.ceiling().ceiling());
        return report;
    }

    private BenchRow report(BenchRow row, GemmCeiling.Result ceiling) {
        log.println(BenchReport.line(row, ceiling.ceiling()));
        return row;
    }

    /** The distillation update of the job at {@code shape}, with the time of each phase. */
    private BenchRow distil(BatchShape shape, AdamW optimizer) {
        int vocabulary = run.teacher().config().vocabSize();
        List<StepPhases> phases = new ArrayList<>();
        long[] labelled = new long[1];
        long[] step = new long[1];
        BenchRow row = timed("distil", shape, () -> {
            StepPhases times = new StepPhases();
            TokenBatch batch = shape.randomBatch(vocabulary, step[0]);
            times.lap(StepPhases.Phase.DATA);
            DistillationRun.StepResult result = run.update(List.of(batch), step[0]++, optimizer, 1e-5f, times);
            labelled[0] = result.labelled();
            phases.add(times);
        }, () -> {
            boolean teacherLogits = run.objective().needsTeacherLogits();
            return FlopCount.encoder(run.teacher(), shape.rows(), shape.length())
                    + (teacherLogits ? FlopCount.maskedLmHead(run.teacher(), labelled[0]) : 0)
                    + 3 * (FlopCount.encoder(run.student(), shape.rows(), shape.length())
                            + FlopCount.maskedLmHead(run.student(), labelled[0]));
        });
        StepPhases total = new StepPhases();
        // the timed steps only: warm-up steps come before them, profiled ones after
        phases.subList(row.warmupSteps(), row.warmupSteps() + options.steps()).forEach(total::addAll);
        Map<String, Double> perStep = new LinkedHashMap<>();
        total.seconds().forEach((phase, seconds) -> perStep.put(phase, seconds / options.steps()));
        return row.withPhases(perStep);
    }

    /** The student's forward pass in training mode and the backward pass of the mean last hidden state. */
    private BenchRow studentForwardBackward(BatchShape shape, AdamW optimizer) {
        EncoderModel student = run.student();
        TokenBatch batch = shape.randomBatch(student.config().vocabSize(), 1);
        return timed("student forward+backward", shape, () -> {
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = OfflineEngine.pytorch().newGradientCollector()) {
                collector.backward(student.encode(batch.slice(0, shape.rows(), scope), ForwardContext.TRAIN)
                        .lastHiddenState().mean());
            }
            // as after a training update: the next backward pass starts without gradients, and the
            // distillation updates that follow do not see these
            optimizer.dropGradients();
        }, () -> 3 * FlopCount.encoder(student, shape.rows(), shape.length()));
    }

    /**
     * The forward pass of {@code model}'s encoder in evaluation mode (no gradient graph), with the
     * attention maps as distillation's teacher pass needs them, or without as inference runs.
     */
    private BenchRow forward(String name, EncoderModel model, BatchShape shape, AttentionMaps maps) {
        TokenBatch batch = shape.randomBatch(model.config().vocabSize(), 2);
        return timed(name, shape, () -> {
            try (NDManager scope = manager.newSubManager()) {
                model.encode(batch.slice(0, shape.rows(), scope), ForwardContext.EVAL, maps).lastHiddenState()
                        .getFloat(0, 0, 0);
            }
        }, () -> FlopCount.encoder(model, shape.rows(), shape.length()));
    }

    /**
     * A full fine-tuning update (cross-entropy, AdamW, clipping) of a model shaped like {@code base}
     * with a fresh two-class sequence head; the weights are random, which does not change the speed.
     */
    private BenchRow fineTune(String name, EncoderModel base) {
        BatchShape shape = options.fineTune();
        try (EncoderModel model = factory.create(base.config().withLabels(List.of("0", "1")),
                HeadKind.SEQUENCE_CLASSIFICATION, LABELS, manager)) {
            FineTuneStep update = new FineTuneStep(model, FineTuneSettings.reference(false, 5e-5f, shape.rows(), 1, 42),
                    log);
            TokenBatch batch = shape.randomBatch(model.config().vocabSize(), 3);
            long[] gold = new long[shape.rows()];
            for (int i = 0; i < gold.length; i++) {
                gold[i] = i % LABELS;
            }
            long[] step = new long[1];
            return timed(name, shape, () -> update.run(step[0]++, 5e-5f, name, scope -> SentenceFineTuner.loss(
                    model, batch.slice(0, shape.rows(), scope), scope.create(gold), false)),
                    () -> 3 * (FlopCount.encoder(model, shape.rows(), shape.length())
                            + FlopCount.sequenceHead(model, shape.rows(), LABELS)));
        }
    }

    /**
     * Records {@code steps} more runs of {@code step} under the engine's profiler: the trace in
     * {@code <workload>-<shape>.trace.json} and the operators by self time in {@code .md} beside it.
     */
    private void profile(String name, BatchShape shape, Runnable step) {
        String file = name.replace(' ', '-').replace('+', '-') + "-" + shape;
        Path trace = options.profileDir().resolve(file + ".trace.json");
        OpProfile profile = OpProfile.record(trace, () -> {
            for (int i = 0; i < options.steps(); i++) {
                step.run();
            }
        });
        String table = String.format(Locale.ROOT, "%s %s: %d profiled steps, %.3f s%n%n", name, shape, options.steps(),
                profile.wallSeconds()) + profile.table(PROFILE_ROWS);
        try {
            AtomicFiles.writeString(options.profileDir().resolve(file + ".md"), table);
        } catch (IOException e) {
            throw new ConfigurationException(options.profileDir() + ": cannot write the profile: " + e.getMessage(), e);
        }
        log.print(table);
    }

    /** Times {@code step}, watching memory; {@code flops} is asked after the steps ran. */
    private BenchRow timed(String name, BatchShape shape, Runnable step, Supplier<Double> flops) {
        memory.resetPeak();
        int warmup = WarmUp.run(options.warmup(), step, memory::minorPageFaults);
        int before = memory.liveArrays();
        long faultsBefore = memory.minorPageFaults();
        double[] seconds = StepTimer.time(options.steps(), step);
        long faultsAfter = memory.minorPageFaults();
        int after = memory.liveArrays();
        double faultsPerStep = faultsBefore < 0 || faultsAfter < 0 ? -1
                : (faultsAfter - faultsBefore) / (double) options.steps();
        if (options.profileDir() != null) {
            profile(name, shape, step);
        }
        return new BenchRow(name, shape, warmup, Arrays.stream(seconds).boxed().toList(), shape.tokens(), flops.get(),
                memory.peakResidentBytes(), after, after - before, faultsPerStep, Map.of());
    }
}
