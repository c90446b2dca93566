package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.minialbert.core.config.JobFile;
import org.minialbert.core.config.Problems;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.plugin.PluginChoice;

/** Every job preset in docs/examples reads without a problem and carries what its name promises. */
class JobPresetsTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    private static DistillationSettings read(Path file) {
        Problems problems = new Problems();
        return DistillationSettings.from(JobFile.load(file, List.of(), "minialbert.distil", problems), problems,
                ModelFactory.fromClasspath());
    }

    @Test
    void everyPresetIsValid() throws IOException {
        List<Path> presets;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            presets = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertThat(presets).hasSizeGreaterThanOrEqualTo(15);
        for (Path preset : presets) {
            DistillationSettings settings = read(preset);
            String name = preset.getFileName().toString();
            if (name.matches("(bio-)?minialbert-\\d+(-adapters)?\\.conf")) {
                int width = Integer.parseInt(name.replaceAll("\\D+", " ").trim().split(" ")[0]);
                assertThat(settings.student().embeddingSize()).as(name).isEqualTo(width);
                assertThat(!settings.student().adaptation().isEmpty()).as(name).isEqualTo(name.contains("adapters"));
                assertThat(settings.train().learningRate()).as(name).isEqualTo(5e-4f);
                assertThat(settings.train().batchSize() * settings.train().gradientAccumulation()).isEqualTo(192);
                assertThat(settings.train().steps()).as(name).isEqualTo(name.startsWith("bio") ? 100_000 : 36_500);
                assertThat(settings.loss().terms()).extracting(PluginChoice::type).contains("output-kl");
            }
        }
    }

    @Test
    void defaultPresetEqualsTheBuiltInDefaults() {
        DistillationSettings preset = read(EXAMPLES.resolve("default.conf"));
        DistillationSettings defaults = read(null);
        assertThat(preset).usingRecursiveComparison().ignoringFields("locations").isEqualTo(defaults);
    }
}
