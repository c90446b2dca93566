package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.config.JobFile;
import org.minialbert.core.distil.DistillationJob;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.distil.DistillationSettings;
import org.minialbert.core.distil.TrainingSummary;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.model.ParameterCounts;
import org.minialbert.core.text.TokenBatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minialbert distil}: layer-to-layer distillation of a teacher into a recursive student. */
@Command(name = "distil", mixinStandardHelpOptions = true,
        description = {"Distil a BERT teacher into a recursive MiniALBERT student (HOCON job file; defaults: the "
                + "embedded bge-small-en-v1.5 teacher on English Europarl).",
            "The run folder gets job.conf (resolved configuration), metrics.jsonl, checkpoints/, student/ and "
                    + "summary.json."})
final class DistilCommand implements Runnable {
    private final ModelLocator locator;
    private final ModelFactory factory;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB.conf", description = "job file (default: the defaults)")
    private Path job;

    @Option(names = "--output", defaultValue = "runs/distil", paramLabel = "DIR",
            description = "run folder (default: ${DEFAULT-VALUE})")
    private Path output;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a job key, e.g. --set train.steps=50")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "continue from the newest checkpoint in the run folder")
    private boolean resume;

    @Option(names = "--dry-run", description = "build everything, print the layer mapping, compute the losses of one "
            + "batch and write them to --report, without training")
    private boolean dryRun;

    @Option(names = "--batch", paramLabel = "F.safetensors",
            description = "dry-run batch: I64 input_ids, attention_mask, token_type_ids, mlm_labels")
    private Path batchFile;

    @Option(names = "--report", paramLabel = "OUT.json", description = "dry-run report (default: DIR/dry-run.json)")
    private Path report;

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    DistilCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    @Override
    public void run() {
        DistillationJob loaded = DistillationJob.load(job, device.overriding(overrides), factory);
        DistillationSettings settings = loaded.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintStream log = System.err;
        try (NDManager manager = OfflineEngine.newManager(settings.device());
                DistillationRun run = DistillationRun.prepare(settings, locator, factory, manager)) {
            ParameterCounts counts = ParameterCounts.of(run.student().weights());
            out.printf("teacher %s: %d layers, H=%d; student: %d iterations, E=%d, H=%d, %,d encoder parameters%n",
                    settings.teacher().model(), run.teacher().config().layers(), run.teacher().config().hiddenSize(),
                    run.student().config().layers(), run.student().config().embeddingSize(),
                    run.student().config().hiddenSize(), counts.encoder());
            write(output.resolve("job.conf"), JobFile.render(loaded.resolved()));
            if (dryRun) {
                dryRun(run, settings, out, log);
                return;
            }
            TrainingSummary summary = run.train(output, resume, log);
            out.print(summary.describe());
            out.println("run folder: " + output);
        }
    }

    private void dryRun(DistillationRun run, DistillationSettings settings, PrintWriter out, PrintStream log) {
        TokenBatch batch;
        long[] labels = null;
        if (batchFile != null) {
            Map<String, TensorData> tensors = Safetensors.read(batchFile);
            batch = TokenBatch.fromTensors(tensors, batchFile.toString());
            TensorData mlm = tensors.get("mlm_labels");
            if (mlm == null || !mlm.shape().equals(tensors.get("input_ids").shape())) {
                throw new DataFormatException(batchFile + ": needs an I64 'mlm_labels' tensor shaped like input_ids "
                        + "(-100 where there is no target)");
            }
            labels = mlm.toLongs();
        } else {
            batch = run.firstBatch(log);
        }
        run.describeMapping(batch.rows(), batch.length()).forEach(out::println);
        Map<String, Float> losses = run.evaluate(batch, labels);
        losses.forEach((name, value) -> out.printf("%-20s %.6f%n", name, value));
        Path target = report != null ? report : output.resolve("dry-run.json");
        try {
            write(target, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(losses));
        } catch (IOException e) {
            throw new CheckpointException(target + ": cannot write the report: " + e.getMessage(), e);
        }
        out.println("report: " + target);
        if (settings.teacher().trainMode()) {
            out.println("note: teacher.train-mode = true, so the teacher's dropout makes these values vary");
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
