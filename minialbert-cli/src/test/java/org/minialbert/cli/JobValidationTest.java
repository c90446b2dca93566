package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code minialbert validate} on bad job files: each gives exit status 2, no stack trace, and a
 * message with the file, the line of the bad value (line 3: after the teacher and the iteration count),
 * the config path and what is allowed. The golden
 * tiny teacher (4 layers, H = 64) serves the checks that need the models.
 */
class JobValidationTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> badJobs() {
        return Stream.of(
            Arguments.of("typo in a sharing type", "student.sharing = cycle-reverse", true,
                    "student.sharing: unknown sharing 'cycle-reverse'; available: all-shared, cycle, cycle-rev"),
            Arguments.of("typo in an adaptation type", "student.adaptation = [{ type = botleneck }]", true,
                    "student.adaptation[0]: unknown adaptation 'botleneck'; available: bias, bottleneck"),
            Arguments.of("unknown key", "train.stpes = 10", true, "train.stpes: unknown key (did you mean 'train.steps'?)"),
            Arguments.of("wrong type", "train.batch-size = eight", true, "train.batch-size: must be an integer"),
            Arguments.of("negative reduction", "student.adaptation = [{ type = bottleneck, reduction-factor = -4 }]", true,
                    "student.adaptation[0]: bottleneck.reduction-factor must be between 1 and the hidden size 64, found -4"),
            Arguments.of("rank larger than H", "student.adaptation = [{ type = lora, rank = 100 }]", true,
                    "student.adaptation[0]: lora.rank must be between 1 and the hidden size 64, found 100"),
            Arguments.of("unknown plugin setting", "student.adaptation = [{ type = lora, rnak = 4 }]", true,
                    "adaptation 'lora' has no setting 'rnak'; its settings: alpha, rank, targets"),
            Arguments.of("plugin setting of the wrong type", "student.sharing = { type = cycle, unique-layers = three }", true,
                    "sharing 'cycle' setting 'unique-layers' must be number like its default 3"),
            Arguments.of("too many unique layers", "student.sharing = { type = cycle-rev, unique-layers = 9 }", true,
                    "student.sharing: sharing 'cycle-rev': unique-layers must be between 1 and the number of iterations 2"),
            Arguments.of("plugin without type", "student.sharing = { unique-layers = 3 }", true,
                    "student.sharing: needs a 'type' naming the plugin"),
            Arguments.of("mapping index beyond the teacher", "loss.mapping = { type = explicit, layers = [1, 7] }", true,
                    "loss.mapping: the layer mapping [1, 7] maps student iteration 1 to teacher layer 7, outside 0..3"),
            Arguments.of("typo in a mapping type", "loss.mapping = every-2", true,
                    "loss.mapping: unknown mapping 'every-2'; available: every-k, explicit, last, uniform"),
            Arguments.of("more iterations than teacher layers", "student.iterations = 6", true,
                    "the student has 6 iterations but the teacher only 4 layers"),
            Arguments.of("negative loss weight", "loss.beta = -3", true, "loss.beta: must be between 0.0"),
            Arguments.of("unknown loss term", "loss.terms = [mlm, atention-kl]", true,
                    "loss.terms[1]: unknown loss 'atention-kl'; available: attention-kl, attention-mse"),
            Arguments.of("empty corpus list (missing required block)", "data.corpus = []", true,
                    "data.corpus: the corpus list is empty"),
            Arguments.of("stride too large", "data { max-length = 32, stride = 40 }", true,
                    "data.stride: must be smaller than data.max-length - 2 = 30"),
            Arguments.of("zero learning rate", "train.learning-rate = 0", true, "train.learning-rate: must be between"),
            Arguments.of("output-kl with a teacher without MLM head", "teacher.model = bge-small-en-v1.5\n"
                    + "loss.terms = [mlm, output-kl]", false, "drop output-kl from loss.terms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJobs")
    void badJobIsReportedWithFileAndLine(String name, String body, boolean located, String expected) throws IOException {
        Path teacher = SharedFiles.golden("teacher");
        String iterations = body.contains("student.iterations") ? "\n" : "student.iterations = 2\n";
        Path job = Files.writeString(tmp.resolve("job.conf"), "teacher.model = \"" + teacher + "\"\n" + iterations
                + body + "\n");
        String message = CliRun.of("validate", job).userError();
        assertThat(message).contains(expected);
        if (located) {
            assertThat(message).contains(job + ":3: ");
        }
    }

    @Test
    void brokenHoconNamesTheLine() throws IOException {
        Path job = Files.writeString(tmp.resolve("job.conf"), "train {\n  steps = 10\n  batch-size = [\n}\n");
        assertThat(CliRun.of("validate", job).userError()).contains(job.toString()).contains("not a valid HOCON file");
    }

    @Test
    void validJobPassesWithExitZero() throws IOException {
        Path job = Files.writeString(tmp.resolve("job.conf"), "teacher.model = \"" + SharedFiles.golden("teacher")
                + "\"\nstudent {\n  iterations = 2\n  sharing = { type = cycle-rev, unique-layers = 2 }\n"
                + "  adaptation = [{ type = lora, rank = 4 }, { type = bias }]\n}\n");
        CliRun run = CliRun.of("validate", job);
        assertThat(run.status()).as(run.describe()).isZero();
        assertThat(run.out()).contains("is valid").contains("mapping [1, 3]");
    }
}
