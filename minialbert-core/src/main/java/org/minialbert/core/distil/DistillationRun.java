package org.minialbert.core.distil;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Scalars;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LayerMappingProvider;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.api.plugin.LossTermProvider;
import org.minialbert.core.data.BatchSampler;
import org.minialbert.core.data.MlmMasking;
import org.minialbert.core.data.PretrainingWindows;
import org.minialbert.core.data.TokenCache;
import org.minialbert.core.data.Windowing;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.plugin.PluginChoice;
import org.minialbert.core.plugin.PluginRegistry;
import org.minialbert.core.text.TextTokenizer;
import org.minialbert.core.text.TokenBatch;
import org.minialbert.core.train.AdamW;
import org.minialbert.core.train.Divergence;
import org.minialbert.core.train.GradientClipping;
import org.minialbert.core.train.LinearSchedule;
import org.minialbert.core.train.MetricsLog;
import org.minialbert.core.train.ProgressBar;
import org.minialbert.core.train.StepPhases;

/**
 * A distillation job made ready to run: teacher, student, objective and masking, all checked
 * against each other before any data is read. {@link #train} runs the job (resumable);
 * {@link #evaluate} computes every loss term of one batch without training (the dry run).
 */
public final class DistillationRun implements AutoCloseable {
    private final DistillationSettings settings;
    private final LoadedModel teacher;
    private final EncoderModel student;
    private final DistillationLoss loss;
    private final Weights objectiveWeights;
    private final MlmMasking masking;
    private final NDManager manager;

    private DistillationRun(DistillationSettings settings, LoadedModel teacher, EncoderModel student,
            DistillationLoss loss, Weights objectiveWeights, MlmMasking masking, NDManager manager) {
        this.settings = settings;
        this.teacher = teacher;
        this.student = student;
        this.loss = loss;
        this.objectiveWeights = objectiveWeights;
        this.masking = masking;
        this.manager = manager;
    }

    /** Loads the teacher, builds the student and the objective, and checks that they fit together. */
    public static DistillationRun prepare(DistillationSettings settings, ModelLocator locator, ModelFactory factory,
            NDManager manager) {
        return prepare(settings, locator.load(settings.teacher().model(), null, manager), factory, manager);
    }

    /**
     * Builds the student and the objective for an already loaded teacher (which the run then owns
     * and closes), and checks that they fit together.
     */
    public static DistillationRun prepare(DistillationSettings settings, LoadedModel teacher, ModelFactory factory,
            NDManager manager) {
        EncoderModel student = null;
        try {
            MlmMasking masking = teacher.tokenizer().map(file -> masking(file, teacher.model(), settings)).orElse(null);
            if (settings.student().checkpoint() == null) {
                EncoderConfig config = StudentFactory.config(settings.student(), teacher.model().config());
                factory.checkPlugins(config, manager, (name, create) -> settings.locations().at("student." + name, create));
            }
            OfflineEngine.seed(settings.train().seed());
            student = StudentFactory.create(settings.student(), teacher.model(), factory, manager, settings.locations());
            int iterations = student.config().layers();
            int layers = teacher.model().config().layers();
            LayerMapping mapping = mapping(settings, factory, iterations, layers);
            Weights objectiveWeights = new Weights(manager.newSubManager(), 0.02f);
            DistillationLoss objective = new DistillationLoss(mapping, settings.loss().weights(),
                    terms(settings, factory, student, teacher.model(), objectiveWeights),
                    embeddingReport(student, teacher.model(), objectiveWeights));
            if (!settings.loss().weights().lambdas().isEmpty() && settings.loss().weights().lambdas().size() != iterations) {
                throw new ConfigurationException("loss.lambda has " + settings.loss().weights().lambdas().size()
                        + " values but the student has " + iterations + " iterations; give one per iteration or none");
            }
            objective.check(student, teacher.model());
            return new DistillationRun(settings, teacher, student, objective, objectiveWeights, masking, manager);
        } catch (RuntimeException e) {
            if (student != null) {
                student.close();
            }
            teacher.close();
            throw e;
        }
    }

    /** The job's loss terms; a term that cannot compare these models points at its job line. */
    private static List<LossTerm> terms(DistillationSettings settings, ModelFactory factory, EncoderModel student,
            EncoderModel teacher, Weights objective) {
        PluginRegistry<LossTermProvider> registry = factory.catalog().loss();
        LossShapes shapes = DistillationLoss.shapes(student, teacher);
        List<LossTerm> terms = new ArrayList<>();
        List<PluginChoice> choices = settings.loss().terms();
        for (int i = 0; i < choices.size(); i++) {
            PluginChoice choice = choices.get(i);
            settings.locations().at("loss.terms[" + i + "]", () -> terms.add(DistillationLoss.declared(
                    registry.get(choice.type()).create(registry.settings(choice.type(), choice.config()), shapes,
                            objective))));
        }
        return terms;
    }

    /** The embedding term reported (not trained) when the job does not use it and the widths allow it. */
    private static LossTerm embeddingReport(EncoderModel student, EncoderModel teacher, Weights objective) {
        return student.config().hiddenSize() == teacher.config().hiddenSize()
                ? new ReferenceLossTerms.EmbeddingCosine().create(ConfigFactory.empty(),
                        DistillationLoss.shapes(student, teacher), objective) : null;
    }

    /** The job's layer mapping, checked against both models; errors point at the job line. */
    private static LayerMapping mapping(DistillationSettings settings, ModelFactory factory, int iterations,
            int layers) {
        PluginChoice choice = settings.loss().mapping();
        PluginRegistry<LayerMappingProvider> registry = factory.catalog().mapping();
        LayerMapping[] mapping = new LayerMapping[1];
        settings.locations().at("loss.mapping", () -> mapping[0] = new LayerMapping(registry.get(choice.type())
                .teacherLayers(registry.settings(choice.type(), choice.config()), iterations, layers)));
        settings.locations().at(iterations > layers ? "student.iterations" : "loss.mapping",
                () -> mapping[0].validate(iterations, layers));
        return mapping[0];
    }

    /** BERT masking with the special tokens of the teacher's tokenizer, after checking it fits the teacher. */
    private static MlmMasking masking(Path tokenizer, EncoderModel teacher, DistillationSettings settings) {
        int vocabulary = TextTokenizer.vocabularySize(tokenizer);
        if (vocabulary > teacher.config().vocabSize()) {
            throw new ConfigurationException("the tokenizer " + tokenizer + " has " + vocabulary + " tokens but the "
                    + "teacher's vocabulary has " + teacher.config().vocabSize() + "; use the teacher's own tokenizer.json");
        }
        try (TextTokenizer text = TextTokenizer.openUntruncated(tokenizer)) {
            return new MlmMasking(settings.data().maskProbability(), teacher.config().vocabSize(),
                    text.tokenId("[MASK]"), text.tokenId("[CLS]"), text.tokenId("[SEP]"), text.tokenId("[PAD]"));
        }
    }

    /** The teacher's tokenizer, needed to read a corpus and to mask batches. */
    private Path tokenizer() {
        return teacher.tokenizer().orElseThrow(() -> new ConfigurationException("teacher '" + settings.teacher().model()
                + "' has no tokenizer.json beside it; distillation tokenises and masks the corpus with the teacher's "
                + "tokenizer"));
    }

    public EncoderModel student() {
        return student;
    }

    public EncoderModel teacher() {
        return teacher.model();
    }

    public DistillationLoss objective() {
        return loss;
    }

    /** The layer mapping with the tensor shapes of a batch of {@code batch} rows of {@code length} tokens. */
    public List<String> describeMapping(int batch, int length) {
        List<String> lines = new ArrayList<>();
        int h = student.config().hiddenSize();
        int th = teacher.model().config().hiddenSize();
        for (int i = 0; i < loss.mapping().size(); i++) {
            int g = loss.mapping().teacherLayer(i);
            lines.add(String.format("student iteration %d -> teacher layer %d (1-based %d): hidden %s <-> %s, "
                    + "attention %s <-> %s", i, g, g + 1, new Shape(batch, length, h), new Shape(batch, length, th),
                    new Shape(batch, student.config().attentionHeads(), length, length),
                    new Shape(batch, teacher.model().config().attentionHeads(), length, length)));
        }
        return lines;
    }

    /**
     * Every loss term of one batch, without training. {@code mlmLabels} null means: mask the batch
     * with the job's seed, as training would.
     */
    public Map<String, Float> evaluate(TokenBatch batch, long[] mlmLabels) {
        long[] ids = batch.inputIds();
        long[] labels = mlmLabels;
        if (labels == null) {
            tokenizer();
            MlmMasking.Masked masked = masking.apply(ids, batch.attentionMask(), new SplittableRandom(settings.train().seed()));
            ids = masked.inputIds();
            labels = masked.labels();
        }
        try (NDManager scope = manager.newSubManager()) {
            DistillationLosses losses = forward(scope, new TokenBatch(ids, batch.attentionMask(), batch.tokenTypeIds(),
                    batch.rows(), batch.length()), labels, ForwardContext.EVAL, new StepPhases());
            Map<String, Float> values = new LinkedHashMap<>();
            losses.terms().forEach((name, value) -> values.put(name, value.getFloat()));
            return values;
        }
    }

    private DistillationLosses forward(NDManager scope, TokenBatch batch, long[] labels, ForwardContext context,
            StepPhases phases) {
        EncoderInputs inputs = batch.slice(0, batch.rows(), scope);
        LossRows rows = LossRows.of(inputs.attentionMask(), scope.create(labels, new Shape(batch.rows(), batch.length())),
                scope);
        phases.lap(StepPhases.Phase.DATA);
        TeacherSignals signals = teacherSignals(inputs, rows);
        phases.lap(StepPhases.Phase.TEACHER);
        EncoderOutputs outputs = student.encode(inputs, context);
        phases.lap(StepPhases.Phase.STUDENT);
        DistillationLosses losses = loss.compute(student, outputs, signals, rows);
        phases.lap(StepPhases.Phase.LOSS);
        return losses;
    }

    /**
     * The teacher's pass on a batch as the objective needs it: in the configured mode, its logits
     * only when a term reads them, and only the attention maps the terms read.
     */
    TeacherSignals teacherSignals(EncoderInputs inputs, LossRows rows) {
        return TeacherSignals.of(teacher.model(), inputs, rows,
                settings.teacher().trainMode() ? ForwardContext.TRAIN : ForwardContext.EVAL, loss.needsTeacherLogits(),
                loss.teacherMapsKept());
    }

    /** Trains, writing checkpoints, metrics and the final student into {@code runDir}. */
    public TrainingSummary train(Path runDir, boolean resume, PrintStream log) {
        DistillationSettings.Train t = settings.train();
        List<int[]> windows = windows(log);
        BatchSampler sampler = new BatchSampler(windows, t.batchSize(), t.seed());
        AdamW optimizer = newOptimizer();
        LinearSchedule schedule = new LinearSchedule(t.learningRate(), t.warmupSteps(), t.steps());
        TrainingCheckpoints checkpoints = new TrainingCheckpoints(runDir, settings.checkpoints().keep());
        long start = 0;
        if (resume) {
            Path latest = checkpoints.latest().orElseThrow(() -> new ConfigurationException("--resume: no checkpoint "
                    + "in " + runDir.resolve("checkpoints") + "; run without --resume to start afresh"));
            start = TrainingCheckpoints.restore(latest, student, objectiveWeights, optimizer);
            log.println("resumed from " + latest + " after step " + start);
        }
        ProgressBar progress = new ProgressBar(log, "distil", t.steps(), start);
        long began = System.nanoTime();
        Map<String, Float> last = Map.of();
        try (MetricsLog metrics = MetricsLog.open(runDir.resolve("metrics.jsonl"), start)) {
            for (long step = start; step < t.steps(); step++) {
                long stepStart = System.nanoTime();
                StepPhases phases = new StepPhases();
                List<TokenBatch> batches = new ArrayList<>();
                for (int micro = 0; micro < t.gradientAccumulation(); micro++) {
                    batches.add(sampler.batch(step * t.gradientAccumulation() + micro));
                }
                phases.lap(StepPhases.Phase.DATA);
                StepResult result = update(batches, step, optimizer, schedule.lr(step), phases);
                last = result.losses();
                double seconds = (System.nanoTime() - stepStart) / 1e9;
                if ((step + 1) % settings.logEvery() == 0 || step + 1 == t.steps()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("step", step + 1);
                    line.putAll(result.losses());
                    line.put("lr", schedule.lr(step));
                    line.put("grad_norm", result.gradientNorm());
                    line.put("tokens_per_s", result.tokens() / seconds);
                    line.put("seconds", seconds);
                    phases.seconds().forEach((phase, value) -> line.put("seconds." + phase, value));
                    metrics.write(line);
                }
                progress.update(step + 1, String.format("loss %.4f", result.losses().get(DistillationLosses.TOTAL)));
                if ((step + 1) % settings.checkpoints().every() == 0 || step + 1 == t.steps()) {
                    checkpoints.save(step + 1, t.seed(), student, objectiveWeights, optimizer);
                }
            }
        }
        Path studentDir = runDir.resolve("student");
        ModelCheckpoint.save(student, studentDir);
        copyTokenizer(studentDir);
        TrainingSummary summary = TrainingSummary.of(student, t.steps(), t.steps() - start,
                (System.nanoTime() - began) / 1e9, last, studentDir);
        summary.write(runDir.resolve("summary.json"));
        return summary;
    }

    /** The first training batch (unmasked), for a dry run. */
    public TokenBatch firstBatch(PrintStream log) {
        return new BatchSampler(windows(log), settings.train().batchSize(), settings.train().seed()).batch(0);
    }

    private List<int[]> windows(PrintStream log) {
        DistillationSettings.Data d = settings.data();
        Path cacheDir = d.cacheDir() != null ? d.cacheDir() : defaultCache();
        Windowing windowing = new Windowing(d.maxLength(), d.stride(), d.maxWindowsPerDocument(), settings.train().seed());
        List<int[]> windows = PretrainingWindows.load(d.files(), d.maxDocuments(), windowing, tokenizer(),
                new TokenCache(cacheDir), documents -> log.print((System.console() != null ? "\r" : "")
                        + "tokenised " + documents + " documents" + (System.console() != null ? "" : "\n")));
        log.println((System.console() != null ? "\r" : "") + "training windows: " + windows.size() + " (cache "
                + cacheDir + ")");
        return windows;
    }

    private static Path defaultCache() {
        String configured = System.getenv("MINIALBERT_CACHE");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "minialbert");
        return root.resolve("windows");
    }

    /** An optimizer over everything the run trains: the student and the objective's own weights. */
    public AdamW newOptimizer() {
        List<Weight> trainable = new ArrayList<>(student.weights().all());
        trainable.addAll(objectiveWeights.all());
        return new AdamW(trainable, settings.train().adam());
    }

    /**
     * One update of step {@code step} from its micro-batches (unmasked; masking and dropout are
     * seeded by the job's seed and the micro-batch's index, so a resumed run repeats them): forward,
     * backward with the gradients summed over the micro-batches, clipping and the optimizer step.
     * Time is charged to {@code phases} lap by lap.
     */
    public StepResult update(List<TokenBatch> microBatches, long step, AdamW optimizer, float lr, StepPhases phases) {
        DistillationSettings.Train t = settings.train();
        if (masking == null) {
            tokenizer();
        }
        Engine engine = OfflineEngine.pytorch();
        int count = microBatches.size();
        Map<String, Float> sums = new LinkedHashMap<>();
        long tokens = 0;
        long labelled = 0;
        for (int micro = 0; micro < count; micro++) {
            long index = step * count + micro;
            TokenBatch batch = microBatches.get(micro);
            MlmMasking.Masked masked = masking.apply(batch.inputIds(), batch.attentionMask(),
                    new SplittableRandom(t.seed() * 0x9E3779B97F4A7C15L + index));
            OfflineEngine.seed(t.seed() * 31 + index);
            try (NDManager scope = manager.newSubManager()) {
                TokenBatch maskedBatch = new TokenBatch(masked.inputIds(), batch.attentionMask(), batch.tokenTypeIds(),
                        batch.rows(), batch.length());
                DistillationLosses losses;
                try (GradientCollector collector = engine.newGradientCollector()) {
                    losses = forward(scope, maskedBatch, masked.labels(), ForwardContext.TRAIN, phases);
                    NDArray objective = Scalars.div(losses.total(), count);
                    collector.backward(objective);
                    phases.lap(StepPhases.Phase.BACKWARD);
                }
                losses.terms().forEach((name, value) -> sums.merge(name, value.getFloat() / count, Float::sum));
            }
            for (long m : batch.attentionMask()) {
                tokens += m;
            }
            for (long label : masked.labels()) {
                labelled += label == MlmMasking.IGNORED ? 0 : 1;
            }
        }
        float norm = GradientClipping.norm(optimizer.weights());
        Divergence.check("distillation", step, sums.get(DistillationLosses.TOTAL), norm,
                optimizer.weights());
        optimizer.step(lr, GradientClipping.scale(norm, t.maxGradNorm()));
        phases.lap(StepPhases.Phase.OPTIMIZER);
        return new StepResult(sums, norm, tokens, labelled);
    }

    private void copyTokenizer(Path studentDir) {
        try {
            Files.copy(tokenizer(), studentDir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConfigurationException(studentDir + ": cannot copy the tokenizer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        objectiveWeights.manager().close();
        student.close();
        teacher.close();
    }

    /**
     * What one update did.
     *
     * @param losses every loss term, averaged over the micro-batches
     * @param gradientNorm the global gradient norm before clipping
     * @param tokens the real (unpadded) tokens of the micro-batches
     * @param labelled the masked positions (rows of the vocabulary projection)
     */
    public record StepResult(Map<String, Float> losses, float gradientNorm, long tokens, long labelled) {
    }
}
