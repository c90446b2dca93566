package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minialbert.core.engine.OfflineEngine;

/**
 * {@code --device} on the commands that run a model: cpu runs; gpu without a GPU (the CPU-only
 * default build) is a user error saying how to get one, raised before any data is read or output
 * written; bad values list the choices.
 */
class DeviceOptionTest {
    @TempDir
    static Path shared;
    private static Path student;
    private static Path text;

    @BeforeAll
    static void tinyStudentAndText() throws IOException {
        student = TinyStudent.create(shared.resolve("student"), 64, false);
        text = Files.writeString(shared.resolve("text.txt"), "Familial breast cancer is linked to BRCA1.\n");
    }

    static Stream<Named<List<Object>>> commands() {
        Path out = shared.resolve("out");
        Path nowhere = shared.resolve("nowhere");
        return Stream.of(
            Named.of("distil", List.of("distil", "--dry-run", "--output", out)),
            Named.of("finetune", List.of("finetune", "--set", "data=\"" + nowhere + "\"", "--output", out)),
            Named.of("glue", List.of("glue", "--model", student, "--task", "rte", "--data", nowhere, "--output", out)),
            Named.of("ner", List.of("ner", "--model", student, "--dataset", "ncbi-disease", "--data", nowhere,
                    "--output", out)),
            Named.of("encode", List.of("encode", "--model", student, "--text-file", text, "--output",
                    out.resolve("o.safetensors"))),
            Named.of("glue evaluate", List.of("glue", "evaluate", "--model", student, "--task", "rte", "--data",
                    nowhere)),
            Named.of("ner predict", List.of("ner", "predict", "--model", student, "--input", text)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void gpuWithoutAGpuIsAClearUserError(List<Object> args) {
        assumeTrue(OfflineEngine.pytorch().getGpuCount() == 0, "this build sees a GPU");
        Object[] withDevice = Stream.concat(args.stream(), Stream.of("--device", "gpu")).toArray();
        assertThat(CliRun.of(withDevice).userError())
                .startsWith("device gpu: no GPU available: this build has PyTorch's CPU-only native library")
                .contains("build with ./mvnw -Pgpu");
        assertThat(shared.resolve("out")).doesNotExist();
    }

    @Test
    void badValuesListTheChoices() {
        assertThat(CliRun.of("encode", "--model", student, "--text-file", text, "--output", shared.resolve("o"),
                "--device", "tpu").userError()).isEqualTo("unknown device 'tpu'; use one of auto, cpu, gpu");
        assertThat(CliRun.of("distil", "--dry-run", "--device", "cuda").userError())
                .isEqualTo("unknown device 'cuda'; use one of auto, cpu, gpu");
        assertThat(CliRun.of("distil", "--dry-run", "--set", "device=tpu").userError())
                .isEqualTo("--set device=tpu: device: 'tpu' is not allowed; use one of auto, cpu, gpu");
    }

    @Test
    void cpuRuns(@TempDir Path tmp) {
        CliRun run = CliRun.of("encode", "--model", student, "--text-file", text, "--output",
                tmp.resolve("out.safetensors"), "--device", "cpu").succeeded();
        assertThat(run.out()).contains("wrote").contains("1 rows");
    }
}
