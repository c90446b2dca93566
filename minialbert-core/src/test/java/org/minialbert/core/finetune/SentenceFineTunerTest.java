package org.minialbert.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.task.SentenceExample;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EmbeddedModel;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.text.TextTokenizer;

/**
 * Fine-tuning on an easy synthetic task (is the word "good" or "bad" in the sentence) with a tiny
 * random student and the real bge tokenizer: full tuning learns it; adapter tuning changes only
 * adapters and the head.
 */
class SentenceFineTunerTest extends EngineTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    @TempDir
    static Path dir;
    private static Path studentDir;

    /** A two-class task over generated sentences; read() ignores the data root. */
    private static final class Polarity implements SentenceTask {
        public String name() { return "polarity"; }
        public List<String> labels() { return List.of("bad", "good"); }
        public List<String> evaluationSplits() { return List.of("dev"); }
        public String primaryMetric() { return "accuracy"; }

        public List<SentenceExample> read(Path dataRoot, String split, boolean skipBadRows) {
            Random random = new Random(split.equals("train") ? 1 : 2);
            String[] filler = "the a film story was is very rather quite plot actors music".split(" ");
            List<SentenceExample> examples = new ArrayList<>();
            for (int i = 0; i < (split.equals("train") ? 256 : 64); i++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 6; w++) {
                    text.append(filler[random.nextInt(filler.length)]).append(' ');
                }
                boolean good = random.nextBoolean();
                text.append(good ? "good" : "bad");
                examples.add(new SentenceExample(i, text.toString(), null, good ? 1 : 0));
            }
            return examples;
        }

        public Map<String, Double> metrics(double[] predictions, double[] gold) {
            int right = 0;
            for (int i = 0; i < gold.length; i++) {
                right += predictions[i] == gold[i] ? 1 : 0;
            }
            return Map.of("accuracy", (double) right / gold.length);
        }
    }

    @BeforeAll
    static void createStudent() throws IOException {
        studentDir = dir.resolve("student");
        Map<String, Object> json = new HashMap<>(Map.of("model_type", "albert", "vocab_size", 30522, "hidden_size", 32,
                "embedding_size", 16, "num_hidden_layers", 2, "num_attention_heads", 2, "intermediate_size", 64,
                "max_position_embeddings", 64));
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().valueToTree(json), "tiny student");
        OfflineEngine.pytorch().setRandomSeed(7);
        try (EncoderModel model = factory.create(config, HeadKind.MASKED_LM, 0, manager)) {
            ModelCheckpoint.save(model, studentDir);
        }
        Files.copy(EmbeddedModel.BGE_SMALL_EN_V15.tokenizerFile(), studentDir.resolve("tokenizer.json"));
    }


    private static EncodedExamples encode(SentenceTask task, String split) {
        try (TextTokenizer tokenizer = TextTokenizer.open(studentDir.resolve("tokenizer.json"), 32)) {
            return EncodedExamples.of(task.read(null, split, false), tokenizer);
        }
    }

    @Test
    void fullTuningLearnsAnEasyTask() {
        Polarity task = new Polarity();
        EncodedExamples train = encode(task, "train");
        EncodedExamples dev = encode(task, "dev");
        FineTuneSettings settings = new FineTuneSettings(false, 2e-3f, 16, 4, 0.1f, 0.01f, 1f, 32, 42);
        try (LoadedModel loaded = new ModelLocator(factory).loadForTask(studentDir.toString(),
                HeadKind.SEQUENCE_CLASSIFICATION, task.labels(), false, manager)) {
            assertThat(loaded.model().head()).isEqualTo(HeadKind.SEQUENCE_CLASSIFICATION);
            double before = SentenceFineTuner.score(task, dev, SentenceFineTuner.predict(loaded.model(), task, dev))
                    .get("accuracy");
            SentenceFineTuner.train(loaded.model(), task, train, settings, "test", QUIET);
            double after = SentenceFineTuner.score(task, dev, SentenceFineTuner.predict(loaded.model(), task, dev))
                    .get("accuracy");
            assertThat(after).as("dev accuracy after tuning (before: " + before + ")").isGreaterThan(0.9);
        }
    }

    @Test
    void adapterTuningTrainsOnlyAdaptersAndHead() {
        Polarity task = new Polarity();
        EncodedExamples train = encode(task, "train");
        FineTuneSettings settings = new FineTuneSettings(true, 1e-3f, 32, 1, 0f, 0.01f, 1f, 32, 42);
        try (LoadedModel loaded = new ModelLocator(factory).loadForTask(studentDir.toString(),
                HeadKind.SEQUENCE_CLASSIFICATION, task.labels(), true, manager)) {
            EncoderModel model = loaded.model();
            assertThat(model.config().hasReferenceAdapters()).as("fresh adapters added").isTrue();
            Map<String, float[]> before = new HashMap<>();
            for (Weight weight : model.weights().all()) {
                before.put(weight.name(), weight.value().toFloatArray());
            }
            SentenceFineTuner.train(model, task, train, settings, "test", QUIET);
            for (Weight weight : model.weights().all()) {
                boolean trainable = weight.group() == WeightGroup.ADAPTATION || weight.group() == WeightGroup.HEAD;
                boolean changed = !java.util.Arrays.equals(before.get(weight.name()), weight.value().toFloatArray());
                if (!trainable) {
                    assertThat(changed).as(weight.name() + " is frozen").isFalse();
                }
            }
            assertThat(model.weights().get("classifier.weight")).isNotNull();
            assertThat(java.util.Arrays.equals(before.get("classifier.weight"),
                    model.weights().get("classifier.weight").value().toFloatArray())).as("head trained").isFalse();
            assertThat(java.util.Arrays.equals(before.get("albert.att_adapters.0.block.0.weight"),
                    model.weights().get("albert.att_adapters.0.block.0.weight").value().toFloatArray()))
                    .as("adapters trained").isFalse();
        }
    }
}
