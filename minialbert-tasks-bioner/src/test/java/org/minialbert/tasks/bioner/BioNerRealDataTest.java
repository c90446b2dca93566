package org.minialbert.tasks.bioner;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minialbert.api.task.TokenExample;
import org.minialbert.api.task.TokenTask;
import org.minialbert.api.task.TokenTaskProvider;

/** The staged MTL-Bioinformatics-2016 copy (shared/data/bioner): counts from data/SOURCES.md section 1. */
class BioNerRealDataTest {
    /** Each split is parsed once for the whole class (the four train files are used twice). */
    private static final Map<String, List<TokenExample>> READ = new ConcurrentHashMap<>();

    private static TokenTask task(String name) {
        return ServiceLoader.load(TokenTaskProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow().create(ConfigFactory.empty());
    }

    private static List<TokenExample> read(String name, String split) {
        return READ.computeIfAbsent(name + "/" + split, k -> task(name).read(SharedBioNer.root(), split));
    }

    @ParameterizedTest(name = "{0} {1}: {2} sentences, {3} tokens, {4} mentions")
    @CsvSource({
        "ncbi-disease, train, 5424, 135701, 5134", "ncbi-disease, devel, 923, 23969, 787",
        "ncbi-disease, test, 940, 24497, 960",
        "bc5cdr-disease, train, 4560, 118170, 4182", "bc5cdr-disease, devel, 4581, 117453, 4246",
        "bc5cdr-disease, test, 4797, 124750, 4424",
        "bc5cdr-chem, train, 4560, 118170, 5203", "bc5cdr-chem, devel, 4581, 117453, 5347",
        "bc5cdr-chem, test, 4797, 124750, 5385",
        "bc2gm, train, 12574, 355405, 15197", "bc2gm, devel, 2519, 71042, 3061",
        "bc2gm, test, 5038, 143465, 6325"})
    void countsOfSourcesMd(String name, String split, int sentences, long tokens, long mentions) {
        List<TokenExample> examples = read(name, split);
        assertThat(examples).hasSize(sentences);
        assertThat(examples.get(sentences - 1).index()).isEqualTo(sentences - 1);
        assertThat(examples.stream().mapToLong(e -> e.words().size()).sum()).isEqualTo(tokens);
        assertThat(examples.stream().flatMap(e -> e.tags().stream()).filter(t -> t.startsWith("B-")).count())
                .isEqualTo(mentions);
    }

    @Test
    void labelSetsAndPerfectScores() {
        Map<String, String> types = Map.of("ncbi-disease", "Disease", "bc5cdr-disease", "Disease",
                "bc5cdr-chem", "Chemical", "bc2gm", "GENE");
        types.forEach((name, type) -> {
            TokenTask task = task(name);
            assertThat(task.labels(read(name, "train"))).as(name)
                    .containsExactly("O", "B-" + type, "I-" + type);
        });
        TokenTask ncbi = task("ncbi-disease");
        List<List<String>> gold = read("ncbi-disease", "devel").stream().map(TokenExample::tags).toList();
        Map<String, Double> metrics = ncbi.metrics(gold, gold);
        assertThat(metrics).containsEntry("f1", 1.0).containsEntry("strict.f1", 1.0).containsEntry("f1.Disease", 1.0)
                .containsEntry("accuracy", 1.0);
        // the files are valid IOB2 (no I- without its B-): both modes find the 787 mentions
        assertThat(gold.stream().mapToLong(t -> EntityMetrics.strictEntities(0, t).size()).sum()).isEqualTo(787);
        assertThat(gold.stream().mapToLong(t -> EntityMetrics.conllEntities(0, t).size()).sum()).isEqualTo(787);
    }
}
