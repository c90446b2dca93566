package org.minialbert.tasks.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minialbert.api.task.SentenceExample;
import org.minialbert.api.task.SentenceTask;
import org.minialbert.api.task.SentenceTaskProvider;

/**
 * The staged glue_data copy (shared/data/glue): official row counts from data/SOURCES.md, label
 * distributions, and the parsing pitfalls it lists. Files that were not staged are skipped.
 */
class GlueRealDataTest {

    private static SentenceTask task(String name) {
        return ServiceLoader.load(SentenceTaskProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow().create(ConfigFactory.empty());
    }

    private static List<SentenceExample> read(String name, String folder, String split) {
        SharedGlue.requireFile(folder, split);
        return task(name).read(SharedGlue.root(), split, false);
    }

    private static Map<String, Long> labelCounts(String name, List<SentenceExample> rows) {
        List<String> labels = task(name).labels();
        return rows.stream().collect(Collectors.groupingBy(e -> labels.get((int) e.label()), Collectors.counting()));
    }

    @ParameterizedTest(name = "{0} {2}: {3} rows")
    @CsvSource({
        "cola, CoLA, train, 8551", "cola, CoLA, dev, 1043",
        "sst2, SST-2, train, 67349", "sst2, SST-2, dev, 872",
        "mrpc, MRPC, train, 3668", "mrpc, MRPC, dev, 408",
        "stsb, STS-B, train, 5749", "stsb, STS-B, dev, 1500",
        "qqp, QQP, train, 363846", "qqp, QQP, dev, 40430",
        "mnli, MNLI, train, 392702", "mnli, MNLI, dev_matched, 9815", "mnli, MNLI, dev_mismatched, 9832",
        "qnli, QNLI, train, 104743", "qnli, QNLI, dev, 5463",
        "rte, RTE, train, 2490", "rte, RTE, dev, 277",
        "wnli, WNLI, train, 635", "wnli, WNLI, dev, 71"})
    void officialRowCounts(String name, String folder, String split, int rows) {
        List<SentenceExample> examples = read(name, folder, split);
        assertThat(examples).hasSize(rows);
        assertThat(examples.get(rows - 1).index()).isEqualTo(rows - 1);
        assertThat(examples).allSatisfy(e -> assertThat(e.first()).isNotBlank());
    }

    @Test
    void labelDistributions() {
        // QNLI dev: as data/SOURCES.md states
        assertThat(labelCounts("qnli", read("qnli", "QNLI", "dev")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("entailment", 2702L, "not_entailment", 2761L));
        // counted on the staged files with awk -F'\t' (label column)
        assertThat(labelCounts("rte", read("rte", "RTE", "train")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("entailment", 1249L, "not_entailment", 1241L));
        assertThat(labelCounts("cola", read("cola", "CoLA", "dev")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("unacceptable", 322L, "acceptable", 721L));
        assertThat(labelCounts("mrpc", read("mrpc", "MRPC", "train")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("not_equivalent", 1194L, "equivalent", 2474L));
        assertThat(labelCounts("sst2", read("sst2", "SST-2", "dev")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("negative", 428L, "positive", 444L));
        assertThat(labelCounts("wnli", read("wnli", "WNLI", "train")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("not_entailment", 323L, "entailment", 312L));
    }

    @Test
    void stsbScoresSpanZeroToFive() {
        List<SentenceExample> dev = read("stsb", "STS-B", "dev");
        assertThat(dev).allSatisfy(e -> assertThat(e.label()).isBetween(0.0, 5.0));
        assertThat(dev.stream().mapToDouble(SentenceExample::label).min().orElseThrow()).isEqualTo(0.0);
        assertThat(dev.stream().mapToDouble(SentenceExample::label).max().orElseThrow()).isEqualTo(5.0);
        assertThat(dev).allSatisfy(e -> assertThat(e.second()).isNotBlank());
    }

    @Test
    void pitfallsOfTheStagedFiles() {
        // MRPC starts with a BOM: the header is still recognised, and the first row is the first data row
        assertThat(read("mrpc", "MRPC", "train").get(0).first()).startsWith("Amrozi accused his brother");
        // SST-2 sentences end with a space before the TAB: stripped
        assertThat(read("sst2", "SST-2", "dev")).allSatisfy(e -> assertThat(e.first()).doesNotEndWith(" "));
        // RTE train index 2164 begins with an unmatched quote, kept as is (no CSV quote handling)
        SentenceExample quoted = read("rte", "RTE", "train").get(2164);
        assertThat(quoted.first()).startsWith("\"That film wasn't too successful");
        assertThat(quoted.second()).isEqualTo("The film \"WarGames\" was shot in 1983.");
    }

    @Test
    void metricsOnRealLabels() {
        double[] gold = read("cola", "CoLA", "dev").stream().mapToDouble(SentenceExample::label).toArray();
        double[] allAcceptable = new double[gold.length];
        Arrays.fill(allAcceptable, 1);
        // the majority baseline: constant predictions give Matthews 0 (not NaN), accuracy 721 / 1043
        assertThat(task("cola").metrics(allAcceptable, gold)).containsEntry("matthews_correlation", 0.0);
        assertThat(GlueMetrics.accuracy(classes(allAcceptable), classes(gold))).isEqualTo(721.0 / 1043);
        double[] scores = read("stsb", "STS-B", "dev").stream().mapToDouble(SentenceExample::label).toArray();
        assertThat(task("stsb").metrics(scores, scores).get("pearson")).isCloseTo(1.0, within(1e-12));
    }

    private static int[] classes(double[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }
}
