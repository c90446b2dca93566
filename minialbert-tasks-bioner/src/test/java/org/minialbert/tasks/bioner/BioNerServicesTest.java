package org.minialbert.tasks.bioner;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.minialbert.api.task.TokenTask;
import org.minialbert.api.task.TokenTaskProvider;

/** ServiceLoader finds exactly the four NER tasks, each with a consistent face and a reference.conf block. */
class BioNerServicesTest {

    private static List<TokenTaskProvider> providers() {
        return ServiceLoader.load(TokenTaskProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    @Test
    void findsExactlyTheFourTasks() {
        assertThat(providers()).extracting(TokenTaskProvider::name)
                .containsExactlyInAnyOrder("ncbi-disease", "bc5cdr-disease", "bc5cdr-chem", "bc2gm");
    }

    @Test
    void everyTaskKeepsTheContract() {
        for (TokenTaskProvider provider : providers()) {
            assertThat(provider.name()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
            assertThat(provider.description()).isNotBlank().doesNotContain("\n");
            TokenTask task = provider.create(ConfigFactory.empty());
            assertThat(task.name()).isEqualTo(provider.name());
            List<List<String>> tags = List.of(List.of("B-X", "I-X", "O"));
            assertThat(task.metrics(tags, tags)).containsEntry("f1", 1.0).containsEntry("strict.f1", 1.0)
                    .containsEntry("f1.X", 1.0).containsEntry("accuracy", 1.0);
            assertThat(ConfigFactory.load().hasPath("minialbert.token-task." + provider.name())).as(provider.name())
                    .isTrue();
        }
    }
}
