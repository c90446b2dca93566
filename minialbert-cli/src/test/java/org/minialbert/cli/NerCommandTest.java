package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ner command end to end on the real NCBI-disease data with a tiny random student. */
class NerCommandTest {
    @TempDir
    static Path shared;
    private static Path student;

    @BeforeAll
    static void tinyStudent() throws IOException {
        student = TinyStudent.create(shared.resolve("student"), 64, false);
    }

    @Test
    void fineTunesNcbiDiseaseReportsTestF1AndTagsText(@TempDir Path out) throws IOException {
        Path bioner = SharedFiles.require("data/bioner");
        CliRun run = CliRun.of("ner", "--model", student, "--dataset", "NCBI-disease", "--data", bioner, "--epochs", "1",
                "--batch", "64", "--lr", "2e-3", "--max-length", "48", "--save-model", "--output", out);
        assertThat(run.status()).as(run.describe()).isZero();
        assertThat(run.out()).contains("| ncbi-disease | f1 | test |").contains("results: " + out.resolve("results.md"));
        assertThat(out.resolve("results.md")).content().contains("| ncbi-disease | f1 | test |");
        Path runDir = out.resolve("ncbi-disease/lr0.002-bs64-ep1-run0");
        JsonNode metrics = new ObjectMapper().readTree(runDir.resolve("metrics.json").toFile());
        assertThat(metrics.path("test").has("f1")).isTrue();
        assertThat(metrics.path("test").has("strict.f1")).isTrue();
        assertThat(metrics.path("devel").path("accuracy").asDouble()).as("token accuracy (mostly O)").isGreaterThan(0.5);
        assertThat(metrics.path("schedule").asText()).isEqualTo("cosine");
        List<String> conll = Files.readAllLines(runDir.resolve("predictions-test.conll"));
        long sentences = conll.stream().filter(String::isEmpty).count();
        long words = conll.stream().filter(l -> !l.isEmpty()).count();
        assertThat(sentences).as("every test sentence").isEqualTo(940);
        assertThat(words).as("every test word, none dropped by windowing").isEqualTo(24497);
        assertThat(conll.get(0)).matches("[^\\t]+\\t(O|[BI]-Disease)\\t(O|[BI]-Disease)");

        Path text = Files.writeString(out.resolve("text.txt"), "Familial breast cancer is linked to BRCA1.\n");
        CliRun predict = CliRun.of("ner", "predict", "--model", runDir.resolve("model"), "--input", text);
        assertThat(predict.status()).as(predict.describe()).isZero();
        assertThat(predict.out().lines().filter(l -> !l.isEmpty()).toList()).hasSize(8)
                .allMatch(l -> l.matches("[^\\t]+\\t(O|[BI]-Disease)"));
    }

    @Test
    void runsAsAHoconJob(@TempDir Path out) throws IOException {
        Path bioner = SharedFiles.require("data/bioner");
        Path job = Files.writeString(out.resolve("ner.conf"), "model = \"" + student + "\"\ntasks = [NCBI-disease]\n"
                + "data = \"" + bioner + "\"\nepochs = [1]\nbatch-sizes = [64]\nlearning-rates = [2e-3]\n"
                + "max-length = 48\nner-schedule = linear\n");
        CliRun run = CliRun.of("finetune", job, "--output", out.resolve("run"));
        assertThat(run.status()).as(run.describe()).isZero();
        assertThat(run.out()).contains("| ncbi-disease | f1 | test |");
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("run/ncbi-disease/lr0.002-bs64-ep1-run0/metrics.json")
                .toFile());
        assertThat(metrics.path("schedule").asText()).isEqualTo("linear");
    }

    @Test
    void badInputIsReported(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("bioner");
        Files.createDirectories(data.resolve("NCBI-disease-IOB"));
        Files.writeString(data.resolve("NCBI-disease-IOB/train.tsv"), "Aspirin\tO\nhelps\n");
        assertThat(CliRun.of("ner", "--model", student, "--dataset", "ncbi-disease", "--data", data, "--output",
                tmp.resolve("out")).userError()).contains("train.tsv:2");
        assertThat(CliRun.of("ner", "--model", student, "--dataset", "ncbi", "--data", data, "--output",
                tmp.resolve("out")).userError()).contains("unknown token-task 'ncbi'").contains("ncbi-disease");
        assertThat(CliRun.of("ner", "--model", student, "--dataset", "ncbi-disease", "--data", tmp.resolve("none"),
                "--output", tmp.resolve("out")).userError()).contains("NCBI-disease");
        assertThat(CliRun.of("ner", "--model", student, "--dataset", "ncbi", "--schedule", "step", "--data", data,
                "--output", tmp.resolve("out")).userError()).as("settings are checked before the datasets")
                .contains("--schedule must be one of cosine, linear, found 'step'");
    }
}
