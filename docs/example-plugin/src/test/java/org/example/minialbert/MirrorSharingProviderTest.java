package org.example.minialbert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.Plugin;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;
import org.minialbert.core.config.JobFile;
import org.minialbert.core.config.Problems;
import org.minialbert.core.distil.DistillationSettings;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ParameterCounts;

/** The example plugin is found by ServiceLoader and usable from a job file, with no change to core. */
class MirrorSharingProviderTest {

    @Test
    void serviceLoaderFindsExactlyThisModulesScheme() {
        assertThat(ServiceLoader.load(ParameterSharingProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.getClass().getPackageName().equals("org.example.minialbert")))
                .extracting(Plugin::name).containsExactly("mirror");
    }

    @Test
    void blocksMirror() {
        ParameterSharing six = new MirrorSharingProvider().create(ConfigFactory.parseString("share-middle = false"), 6);
        assertThat(IntStream.range(0, 6).map(six::attentionBlockFor).boxed().toList()).containsExactly(0, 1, 2, 2, 1, 0);
        ParameterSharing five = new MirrorSharingProvider().create(ConfigFactory.parseString("share-middle = true"), 5);
        assertThat(IntStream.range(0, 5).map(five::attentionBlockFor).boxed().toList()).containsExactly(0, 1, 1, 1, 0);
    }

    @Test
    void jobFileSelectsItAndCoreBuildsTheStudent(@TempDir Path dir) throws IOException {
        Path job = Files.writeString(dir.resolve("job.conf"), "student {\n  iterations = 6\n  sharing = { type = mirror }\n}\n");
        ModelFactory factory = ModelFactory.fromClasspath();
        Problems problems = new Problems();
        DistillationSettings settings = DistillationSettings.from(
                JobFile.load(job, List.of(), "minialbert.distil", problems), problems, factory);
        assertThat(settings.student().sharing().type()).isEqualTo("mirror");
        EncoderConfig config = new EncoderConfig(EncoderConfig.ALBERT, 100, 16, 8, 6, 2, 32, 16, 2, 1e-12f,
                org.minialbert.api.nn.HiddenActivation.GELU, 0.1f, 0.1f, 0.1f, 0.02f, settings.student().sharing(),
                List.of(), List.of());
        try (NDManager manager = OfflineEngine.newManager();
                EncoderModel shared = factory.create(config, HeadKind.NONE, 0, manager);
                EncoderModel one = factory.create(new EncoderConfig(EncoderConfig.ALBERT, 100, 16, 8, 6, 2, 32, 16, 2,
                        1e-12f, org.minialbert.api.nn.HiddenActivation.GELU, 0.1f, 0.1f, 0.1f, 0.02f,
                        org.minialbert.core.plugin.PluginChoice.of("all-shared"), List.of(), List.of()),
                        HeadKind.NONE, 0, manager)) {
            assertThat(ParameterCounts.of(shared.weights()).group(WeightGroup.LAYERS))
                    .as("three unique layers").isEqualTo(3 * ParameterCounts.of(one.weights()).group(WeightGroup.LAYERS));
        }
    }
}
