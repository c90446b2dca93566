package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.config.JobFile;
import org.minialbert.core.config.Problems;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.EmbeddedModel;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.text.TokenBatch;

/**
 * Distillation end to end on a tiny random BERT teacher (the real bge tokenizer, V = 30522, H = 32,
 * 4 layers, with an MLM head) and a small text corpus: the loss falls, a resumed run reproduces an
 * uninterrupted one, and bad jobs fail with clear messages.
 */
class DistillationJobTest extends EngineTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    @TempDir
    static Path shared;
    private static Path teacher;
    private static Path corpus;

    @BeforeAll
    static void createTeacherAndCorpus() throws IOException {
        teacher = shared.resolve("teacher");
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().valueToTree(Map.of("model_type", "bert",
                "vocab_size", 30522, "hidden_size", 32, "num_hidden_layers", 4, "num_attention_heads", 2,
                "intermediate_size", 64, "max_position_embeddings", 64)), "tiny teacher");
        try (EncoderModel model = factory.create(config, HeadKind.MASKED_LM, 0, manager)) {
            ModelCheckpoint.save(model, teacher);
        }
        Files.copy(EmbeddedModel.BGE_SMALL_EN_V15.tokenizerFile(), teacher.resolve("tokenizer.json"));
        List<String> lines = new ArrayList<>();
        String[] words = "the a student teacher learns layer shared model small large text of and to in is".split(" ");
        for (int d = 0; d < 60; d++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                line.append(words[(d * 7 + w * w + w) % words.length]).append(w % 9 == 8 ? ". " : " ");
            }
            lines.add(line.toString().strip());
        }
        corpus = Files.write(shared.resolve("corpus.txt"), lines);
    }


    private static List<String> job(Path cache, String... extra) {
        List<String> sets = new ArrayList<>(List.of("teacher.model=\"" + teacher + "\"",
                "data.corpus=[{path=\"" + corpus + "\", format=lines}]", "data.max-length=24", "data.stride=8",
                "data.cache-dir=\"" + cache + "\"", "student.embedding-size=16", "student.iterations=2",
                "student.adaptation=[{type=bottleneck, reduction-factor=4}]", "train.batch-size=4", "train.warmup-steps=2", "train.learning-rate=2e-3",
                "loss.terms=[mlm, attention-kl, hidden-cosine, output-kl]"));
        sets.addAll(List.of(extra));
        return sets;
    }

    private static DistillationSettings settings(List<String> sets) {
        Problems problems = new Problems();
        return DistillationSettings.from(JobFile.load(null, sets, "minialbert.distil", problems), problems, factory);
    }

    private static TrainingSummary train(Path run, boolean resume, List<String> sets) {
        try (DistillationRun job = DistillationRun.prepare(settings(sets), new ModelLocator(factory), factory, manager)) {
            return job.train(run, resume, QUIET);
        }
    }

    private static List<JsonNode> metrics(Path run) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void lossFallsAndTheStudentIsUsable(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        TrainingSummary summary = train(run, false, job(dir.resolve("cache"), "train.steps=30", "checkpoint.every=10"));
        List<JsonNode> lines = metrics(run);
        assertThat(lines).hasSize(30);
        double first = (lines.get(0).get("loss.total").asDouble() + lines.get(1).get("loss.total").asDouble()) / 2;
        double last = (lines.get(28).get("loss.total").asDouble() + lines.get(29).get("loss.total").asDouble()) / 2;
        assertThat(last).as("mean total loss of the last two steps vs the first two").isLessThan(first * 0.8);
        assertThat(lines.get(5).has("loss.output")).isTrue();
        assertThat(lines.get(5).get("tokens_per_s").asDouble()).isPositive();
        assertThat(summary.steps()).isEqualTo(30);
        assertThat(run.resolve("checkpoints")).isDirectoryContaining(p -> p.getFileName().toString().equals("step-00000030"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("step-00000020"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().equals("step-00000010"));
        try (EncoderModel student = ModelCheckpoint.load(run.resolve("student"), null, factory, manager)) {
            assertThat(student.config().isStudent()).isTrue();
            assertThat(student.config().hasReferenceAdapters()).isTrue();
            assertThat(student.head()).isEqualTo(HeadKind.MASKED_LM);
        }
        assertThat(run.resolve("student/tokenizer.json")).exists();
        assertThat(run.resolve("summary.json")).exists();
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        train(straight, false, job(dir.resolve("cache"), "train.steps=6", "checkpoint.every=3",
                "train.gradient-accumulation=2"));
        train(interrupted, false, job(dir.resolve("cache"), "train.steps=6", "checkpoint.every=3",
                "train.gradient-accumulation=2"));
        // simulate a crash after step 3: drop the last checkpoint, the final student and later metrics
        deleteTree(interrupted.resolve("checkpoints/step-00000006"));
        deleteTree(interrupted.resolve("student"));
        train(interrupted, true, job(dir.resolve("cache"), "train.steps=6", "checkpoint.every=3",
                "train.gradient-accumulation=2"));
        List<JsonNode> a = metrics(straight);
        List<JsonNode> b = metrics(interrupted);
        assertThat(b).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(b.get(i).get("loss.total").floatValue()).as("step " + (i + 1))
                    .isEqualTo(a.get(i).get("loss.total").floatValue());
            assertThat(b.get(i).get("grad_norm").floatValue()).isEqualTo(a.get(i).get("grad_norm").floatValue());
        }
        Map<String, TensorData> wa = Safetensors.read(straight.resolve("student/model.safetensors"));
        Map<String, TensorData> wb = Safetensors.read(interrupted.resolve("student/model.safetensors"));
        assertThat(wb.keySet()).isEqualTo(wa.keySet());
        List<String> different = new ArrayList<>();
        for (String name : wa.keySet()) {
            if (!java.util.Arrays.equals(wa.get(name).toFloats(), wb.get(name).toFloats())) {
                different.add(name);
            }
        }
        assertThat(different).as("weights that differ after the resumed run").isEmpty();
    }

    @Test
    void narrowerStudentLearnsAProjectionForHiddenMse(@TempDir Path dir) {
        Path run = dir.resolve("run");
        train(run, false, job(dir.resolve("cache"), "student.hidden-size=16", "student.intermediate-size=32",
                "loss.terms=[mlm, hidden-mse, attention-mse]", "train.steps=3", "checkpoint.every=3"));
        Map<String, TensorData> objective = Safetensors.read(run.resolve("checkpoints/step-00000003/objective.safetensors"));
        assertThat(objective.get("hidden_mse.projection.weight").shape().getShape()).containsExactly(32, 16);
        float[] bias = objective.get("hidden_mse.projection.bias").toFloats();
        double moved = 0;
        for (float b : bias) {
            moved += Math.abs(b);
        }
        assertThat(moved).as("the projection is trained (its bias starts at zero)").isPositive();
    }

    @Test
    void dryRunReportsEveryTerm(@TempDir Path dir) {
        try (DistillationRun job = DistillationRun.prepare(settings(job(dir.resolve("cache"))), new ModelLocator(factory),
                factory, manager)) {
            Map<String, Float> losses = job.evaluate(job.firstBatch(QUIET), null);
            assertThat(losses).containsKeys("loss.mlm", "loss.attention", "loss.attention.0", "loss.attention.1",
                    "loss.hidden", "loss.hidden.0", "loss.output", "loss.embedding", "loss.total");
            assertThat(losses.get("loss.total")).isEqualTo(losses.get("loss.mlm")
                    + 3 * (losses.get("loss.attention") + losses.get("loss.hidden")) + 5 * losses.get("loss.output"),
                    org.assertj.core.api.Assertions.within(1e-3f));
            assertThat(job.describeMapping(4, 24)).hasSize(2).first().asString()
                    .contains("student iteration 0 -> teacher layer 1");
        }
    }

    @Test
    void theTeacherPassKeepsOnlyTheMapsTheObjectiveReads(@TempDir Path dir) {
        try (DistillationRun job = DistillationRun.prepare(settings(job(dir.resolve("cache"))), new ModelLocator(factory),
                factory, manager);
                NDManager step = manager.newSubManager()) {
            TokenBatch batch = job.firstBatch(QUIET);
            EncoderInputs inputs = batch.slice(0, batch.rows(), step);
            long[] labels = new long[batch.rows() * batch.length()];
            Arrays.fill(labels, LossRows.IGNORED);
            labels[1] = 5;
            LossRows rows = LossRows.of(inputs.attentionMask(),
                    step.create(labels, new Shape(batch.rows(), batch.length())), step);
            List<NDArray> maps = job.teacherSignals(inputs, rows).outputs().attentions();
            assertThat(maps).hasSize(4);
            assertThat(IntStream.range(0, 4).filter(layer -> maps.get(layer) != null))
                    .as("attention-kl reads the mapped layers g(i) = 2i + 1 of the two iterations").containsExactly(1, 3);
        }
    }

    @Test
    void badJobsFailWithClearMessages(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        assertThatThrownBy(() -> settings(job(cache, "loss.beta=-1", "loss.terms=[mlm, attention-kl, hiden-cosine]",
                "train.steps=0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("loss.beta: must be between 0.0")
                .hasMessageContaining("unknown loss 'hiden-cosine'; available: attention-kl, attention-mse")
                .hasMessageContaining("train.steps: must be between 1");
        assertThatThrownBy(() -> settings(job(cache, "train.stepz=5")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("did you mean 'train.steps'");
        assertThatThrownBy(() -> DistillationRun.prepare(settings(job(cache,
                "loss.mapping={type=explicit, layers=[1, 9]}")), new ModelLocator(factory), factory, manager))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("teacher layer 9, outside 0..3");

        Path noHead = dir.resolve("no-head");
        try (EncoderModel model = ModelCheckpoint.load(teacher, HeadKind.NONE, factory, manager)) {
            ModelCheckpoint.save(model, noHead);
        }
        Files.copy(teacher.resolve("tokenizer.json"), noHead.resolve("tokenizer.json"));
        assertThatThrownBy(() -> DistillationRun.prepare(settings(job(cache, "teacher.model=\"" + noHead + "\"")),
                new ModelLocator(factory), factory, manager))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("drop output-kl from loss.terms");

        Path smallVocabulary = dir.resolve("small-vocabulary");
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().valueToTree(Map.of("model_type", "bert",
                "vocab_size", 1000, "hidden_size", 32, "num_hidden_layers", 4, "num_attention_heads", 2,
                "intermediate_size", 64, "max_position_embeddings", 64)), "tiny");
        try (EncoderModel model = factory.create(config, HeadKind.MASKED_LM, 0, manager)) {
            ModelCheckpoint.save(model, smallVocabulary);
        }
        Files.copy(teacher.resolve("tokenizer.json"), smallVocabulary.resolve("tokenizer.json"));
        assertThatThrownBy(() -> DistillationRun.prepare(settings(job(cache, "teacher.model=\"" + smallVocabulary
                + "\"")), new ModelLocator(factory), factory, manager))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("30522 tokens")
                .hasMessageContaining("vocabulary has 1000");
    }

    @Test
    void badCorporaFailAndLeaveEarlierCheckpointsIntact(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        train(run, false, job(dir.resolve("cache"), "train.steps=2", "checkpoint.every=2"));
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertThatThrownBy(() -> train(run, true, job(dir.resolve("cache"), "train.steps=4",
                "data.corpus=[{path=\"" + empty + "\", format=lines}]")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("no non-empty document");
        Path corrupt = dir.resolve("corrupt.txt.gz");
        Files.write(corrupt, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertThatThrownBy(() -> train(run, true, job(dir.resolve("cache"), "train.steps=4",
                "data.corpus=[{path=\"" + corrupt + "\", format=lines}]")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining(corrupt.toString());
        assertThat(run.resolve("checkpoints/step-00000002/model.safetensors")).exists();
        assertThat(run.resolve("checkpoints/step-00000002/optimizer.safetensors")).exists();
    }

    private static void deleteTree(Path path) throws IOException {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
