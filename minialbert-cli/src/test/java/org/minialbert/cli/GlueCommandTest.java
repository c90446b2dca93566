package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The glue command end to end on the real RTE data with a tiny random student (the bge tokenizer,
 * H = 32): outputs per run, two seeded runs, a saved model that glue evaluate scores identically, and
 * clear errors for bad input.
 */
class GlueCommandTest {
    @TempDir
    static Path shared;
    private static Path student;

    @BeforeAll
    static void tinyStudent() throws IOException {
        student = TinyStudent.create(shared.resolve("student"), 130, true);
    }

    @Test
    void fineTunesRteWithTwoSeededRunsAndReportsThem(@TempDir Path out) throws IOException {
        Path glue = SharedFiles.require("data/glue");
        CliRun run = CliRun.of("glue", "--model", student, "--task", "rte", "--data", glue, "--epochs", "1",
                "--batch", "32", "--lr", "1e-3", "--runs", "2", "--max-length", "64", "--mode", "adapters",
                "--save-model", "--output", out);
        assertThat(run.status()).as(run.describe()).isZero();
        assertThat(run.out()).contains("| rte | accuracy |").contains("**average**");
        Path first = out.resolve("rte/lr0.001-bs32-ep1-run0");
        List<String> predictions = Files.readAllLines(first.resolve("predictions-dev.tsv"));
        assertThat(predictions).hasSize(278).first().isEqualTo("index\tprediction\tgold");
        assertThat(predictions.get(1)).matches("0\t(entailment|not_entailment)\t(entailment|not_entailment)");
        JsonNode metrics = new ObjectMapper().readTree(first.resolve("metrics.json").toFile());
        assertThat(metrics.path("settings").path("seed").asLong()).isEqualTo(42);
        assertThat(metrics.path("trainable_parameters").asLong()).as("adapters and head only, a fraction of the "
                + "student's ~1M parameters").isBetween(1_000L, 20_000L);
        JsonNode second = new ObjectMapper().readTree(out.resolve("rte/lr0.001-bs32-ep1-run1/metrics.json").toFile());
        assertThat(second.path("settings").path("seed").asLong()).as("a different seed per run").isEqualTo(43);
        assertThat(out.resolve("results.md")).content().contains("| rte | 0.001 | 32 | 1 |");

        double accuracy = metrics.path("dev").path("accuracy").asDouble();
        CliRun evaluate = CliRun.of("glue", "evaluate", "--model", first.resolve("model"), "--task", "rte", "--data",
                glue, "--max-length", "64");
        assertThat(evaluate.status()).as(evaluate.describe()).isZero();
        assertThat(evaluate.out()).contains("rte dev: {accuracy=" + accuracy + "}");
    }

    @Test
    void badInputIsReportedWithoutLeavingOutputs(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        assertThat(CliRun.of("glue", "--model", student, "--task", "rte", "--data", tmp.resolve("nowhere"), "--output",
                out).userError()).contains("RTE").contains("train.tsv");
        Path data = tmp.resolve("glue_data");
        Files.createDirectories(data.resolve("RTE"));
        Files.writeString(data.resolve("RTE/train.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tA man.\tentailment\n");
        Files.writeString(data.resolve("RTE/dev.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tA.\tB.\tentailment\n");
        assertThat(CliRun.of("glue", "--model", student, "--task", "rte", "--data", data, "--output", out).userError())
                .contains(data.resolve("RTE/train.tsv") + ":2");
        Files.writeString(data.resolve("RTE/train.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tA.\tB.\tmaybe\n");
        assertThat(CliRun.of("glue", "--model", student, "--task", "rte", "--data", data, "--output", out).userError())
                .contains("maybe");
        assertThat(CliRun.of("glue", "--model", student, "--task", "rtee", "--data", data, "--output", out).userError())
                .contains("unknown task 'rtee'").contains("rte");
        Path noTokenizer = tmp.resolve("no-tokenizer");
        Files.createDirectories(noTokenizer);
        Files.copy(student.resolve("config.json"), noTokenizer.resolve("config.json"));
        Files.copy(student.resolve("model.safetensors"), noTokenizer.resolve("model.safetensors"));
        assertThat(CliRun.of("glue", "--model", noTokenizer, "--task", "rte", "--data", data, "--output", out)
                .userError()).contains("no tokenizer.json");
        try (Stream<Path> files = Files.exists(out) ? Files.walk(out) : Stream.empty()) {
            assertThat(files.filter(Files::isRegularFile)).as("nothing written for failed runs").isEmpty();
        }
    }
}
