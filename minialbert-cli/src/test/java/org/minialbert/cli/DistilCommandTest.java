package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distil command end to end: a dry run on the golden batch, and bad jobs. */
class DistilCommandTest {
    @TempDir
    Path tmp;

    @Test
    void dryRunOnTheGoldenBatchReportsTheReferenceLosses() throws IOException {
        Path golden = SharedFiles.golden("student-adapters");
        Path report = tmp.resolve("report.json");
        CliRun run = CliRun.of("distil", "--output", tmp.resolve("run"), "--dry-run",
                "--batch", golden.resolve("expected.safetensors"), "--report", report,
                "--set", "teacher.model=\"" + SharedFiles.golden("teacher") + "\"",
                "--set", "student.checkpoint=\"" + golden + "\"",
                "--set", "loss.terms=[mlm, attention-kl, hidden-cosine, output-kl]");
        assertThat(run.status()).as(run.describe()).isZero();
        assertThat(run.out()).contains("student iteration 1 -> teacher layer 3");
        ObjectMapper json = new ObjectMapper();
        JsonNode actual = json.readTree(report.toFile());
        JsonNode expected = json.readTree(golden.resolveSibling("losses.json").toFile()).path("student-adapters");
        assertThat(actual.path("loss.mlm").asDouble()).isCloseTo(expected.path("mlm_loss").asDouble(), within(1e-4));
        for (String key : new String[] {"loss.attention", "loss.attention.0", "loss.attention.1", "loss.hidden",
            "loss.hidden.0", "loss.hidden.1", "loss.output", "loss.embedding", "loss.total"}) {
            double reference = expected.path(key).asDouble();
            assertThat(actual.path(key).asDouble()).as(key).isCloseTo(reference, within(1e-4 * Math.abs(reference)));
        }
        assertThat(tmp.resolve("run/job.conf")).content().contains("student-adapters");
    }

    @Test
    void jobFileProblemsAreAllReportedWithFileAndLine() throws IOException {
        Path job = Files.writeString(tmp.resolve("job.conf"), String.join("\n",
                "train {",
                "  stpes = 10",
                "  batch-size = -4",
                "}",
                "loss.terms = [mlm, atention-kl]",
                ""));
        String message = CliRun.of("distil", job, "--output", tmp.resolve("run"), "--dry-run").userError();
        assertThat(message).contains("3 problems")
                .contains(job + ":2: train.stpes: unknown key (did you mean 'train.steps'?)")
                .contains(job + ":3: train.batch-size: must be between 1")
                .contains(job + ":5: loss.terms[1]: unknown loss 'atention-kl'");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void badOverrideAndMissingJobFile() {
        assertThat(CliRun.of("distil", "--set", "train.steps", "--dry-run").userError())
                .contains("must look like path=value");
        assertThat(CliRun.of("distil", tmp.resolve("missing.conf").toString()).userError())
                .contains("job file not found");
        assertThat(CliRun.of("distil", "--set", "train.seed=abc", "--dry-run").userError())
                .contains("--set train.seed=abc: train.seed: must be a number");
    }
}
