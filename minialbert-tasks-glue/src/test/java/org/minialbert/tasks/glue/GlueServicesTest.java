package org.minialbert.tasks.glue;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.api.task.SentenceTaskProvider;

/** ServiceLoader finds exactly the nine GLUE tasks, each with a consistent face. */
class GlueServicesTest {

    private static List<SentenceTaskProvider> providers() {
        return ServiceLoader.load(SentenceTaskProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    private static SentenceTask task(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()
                .create(ConfigFactory.empty());
    }

    @Test
    void findsExactlyTheNineTasks() {
        assertThat(providers()).extracting(SentenceTaskProvider::name)
                .containsExactlyInAnyOrder("cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "qnli", "rte", "wnli");
    }

    @Test
    void everyTaskKeepsTheContract() {
        for (SentenceTaskProvider provider : providers()) {
            assertThat(provider.name()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
            assertThat(provider.description()).isNotBlank().doesNotContain("\n");
            SentenceTask task = provider.create(ConfigFactory.empty());
            assertThat(task.name()).isEqualTo(provider.name());
            double[] values = task.isRegression() ? new double[] {0.5, 2, 4.5} : new double[] {0, 1, 1};
            Map<String, Double> metrics = task.metrics(values, values);
            assertThat(metrics).as(task.name()).containsKey(task.primaryMetric());
            assertThat(metrics.get(task.primaryMetric())).as(task.name()).isEqualTo(1.0);
        }
    }

    @Test
    void labelOrdersFollowTheHfGlueDataset() {
        assertThat(task("cola").labels()).containsExactly("unacceptable", "acceptable");
        assertThat(task("sst2").labels()).containsExactly("negative", "positive");
        assertThat(task("mrpc").labels()).containsExactly("not_equivalent", "equivalent");
        assertThat(task("qqp").labels()).containsExactly("not_duplicate", "duplicate");
        assertThat(task("mnli").labels()).containsExactly("entailment", "neutral", "contradiction");
        assertThat(task("qnli").labels()).containsExactly("entailment", "not_entailment");
        assertThat(task("rte").labels()).containsExactly("entailment", "not_entailment");
        assertThat(task("wnli").labels()).containsExactly("not_entailment", "entailment");
        assertThat(task("stsb").isRegression()).isTrue();
    }

    @Test
    void metricKeysAndSplits() {
        assertThat(task("cola").primaryMetric()).isEqualTo("matthews_correlation");
        assertThat(task("mrpc").metrics(new double[] {1, 0}, new double[] {1, 1})).containsOnlyKeys("accuracy", "f1");
        assertThat(task("qqp").primaryMetric()).isEqualTo("f1");
        assertThat(task("stsb").metrics(new double[] {1, 2}, new double[] {1, 3})).containsOnlyKeys("pearson",
                "spearmanr");
        assertThat(task("stsb").primaryMetric()).isEqualTo("pearson");
        assertThat(task("rte").primaryMetric()).isEqualTo("accuracy");
        assertThat(task("mnli").evaluationSplits()).containsExactly("dev_matched", "dev_mismatched");
        assertThat(task("cola").evaluationSplits()).containsExactly("dev");
    }
}
