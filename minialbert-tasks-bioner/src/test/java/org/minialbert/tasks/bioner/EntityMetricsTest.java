package org.minialbert.tasks.bioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.minialbert.tasks.bioner.EntityMetrics.Entity;

/**
 * The entity metrics against values worked out by hand (seqeval's rules: default = conlleval chunks,
 * strict = IOB2 {@code B-X I-X*} only). Notation: (sentence, start, end exclusive, type).
 */
class EntityMetricsTest {
    private static final Offset<Double> EXACT = within(1e-12);

    private static Map<String, Double> metrics(List<List<String>> gold, List<List<String>> predicted) {
        return EntityMetrics.compute(gold, predicted);
    }

    private static void assertPrf(Map<String, Double> m, String prefix, double p, double r, double f) {
        assertThat(m.get(prefix + "precision")).as(prefix + "precision").isCloseTo(p, EXACT);
        assertThat(m.get(prefix + "recall")).as(prefix + "recall").isCloseTo(r, EXACT);
        assertThat(m.get(prefix + "f1")).as(prefix + "f1").isCloseTo(f, EXACT);
    }

    @Test
    void insideAfterOutsideIsAnEntityOnlyInDefaultMode() {
        // gold  O B-D I-D O -> default {(0,1,3,D)}, strict {(0,1,3,D)}
        // pred  O I-D I-D O -> default: I-D after O starts a chunk -> {(0,1,3,D)}; strict: no B- -> {}
        Map<String, Double> m = metrics(List.of(List.of("O", "B-D", "I-D", "O")),
                List.of(List.of("O", "I-D", "I-D", "O")));
        // default: correct 1, predicted 1, gold 1 -> P = R = F = 1
        assertPrf(m, "", 1, 1, 1);
        // strict: correct 0, predicted 0 (P = 0 by zero_division), gold 1 (R = 0/1) -> F = 0
        assertPrf(m, "strict.", 0, 0, 0);
        // tokens: O=O, B-D!=I-D, I-D=I-D, O=O -> 3/4
        assertThat(m.get("accuracy")).isEqualTo(0.75);
    }

    @Test
    void typeChangeInsideASpanSplitsIt() {
        // gold  B-A B-B -> default and strict {(0,0,1,A), (0,1,2,B)}
        // pred  B-A I-B -> default: I-B after a tag of type A starts a new chunk -> {(0,0,1,A), (0,1,2,B)}
        //                  strict: I-B does not continue B-A -> {(0,0,1,A)}
        Map<String, Double> m = metrics(List.of(List.of("B-A", "B-B")), List.of(List.of("B-A", "I-B")));
        // default: correct 2, predicted 2, gold 2 -> 1, 1, 1
        assertPrf(m, "", 1, 1, 1);
        // strict: correct 1, predicted 1 -> P = 1; gold 2 -> R = 1/2; F = 2 * 1 * 0.5 / 1.5 = 2/3
        assertPrf(m, "strict.", 1, 0.5, 2.0 / 3);
        // tokens: B-A=B-A, B-B!=I-B -> 1/2
        assertThat(m.get("accuracy")).isEqualTo(0.5);
        assertThat(EntityMetrics.conllEntities(0, List.of("B-A", "I-A", "I-B", "I-B"))).containsExactly(
                new Entity(0, 0, 2, "A"), new Entity(0, 2, 4, "B"));
    }

    @Test
    void entityAtSentenceEndIsClosedAndNeverContinuesIntoTheNextSentence() {
        // gold  [O B-D I-D] [I-D O] -> default {(0,1,3,D), (1,0,1,D)} (I-D opens sentence 1), strict {(0,1,3,D)}
        // pred  [O B-D I-D] [B-D O] -> default and strict {(0,1,3,D), (1,0,1,D)}
        Map<String, Double> m = metrics(List.of(List.of("O", "B-D", "I-D"), List.of("I-D", "O")),
                List.of(List.of("O", "B-D", "I-D"), List.of("B-D", "O")));
        // default: correct 2, predicted 2, gold 2 -> 1, 1, 1
        assertPrf(m, "", 1, 1, 1);
        // strict: correct 1, predicted 2 -> P = 1/2; gold 1 -> R = 1; F = 2 * 0.5 * 1 / 1.5 = 2/3
        assertPrf(m, "strict.", 0.5, 1, 2.0 / 3);
        // tokens: 4 of 5 equal (I-D != B-D) -> 0.8
        assertThat(m.get("accuracy")).isCloseTo(0.8, EXACT);
        assertThat(EntityMetrics.conllEntities(3, List.of("O", "B-D", "I-D"))).containsExactly(new Entity(3, 1, 3, "D"));
    }

    @Test
    void consecutiveBeginTagsAreSeparateEntities() {
        // gold  B-D B-D O B-D -> {(0,0,1,D), (0,1,2,D), (0,3,4,D)}
        // pred  B-D B-D O O   -> {(0,0,1,D), (0,1,2,D)}
        Map<String, Double> m = metrics(List.of(List.of("B-D", "B-D", "O", "B-D")),
                List.of(List.of("B-D", "B-D", "O", "O")));
        // correct 2, predicted 2 -> P = 1; gold 3 -> R = 2/3; F = 2 * (2/3) / (5/3) = 4/5
        assertPrf(m, "", 1, 2.0 / 3, 0.8);
        assertPrf(m, "strict.", 1, 2.0 / 3, 0.8);
        // tokens: 3 of 4 equal -> 0.75
        assertThat(m.get("accuracy")).isEqualTo(0.75);
        // B-D I-D B-D: the B- ends the first chunk
        assertThat(EntityMetrics.conllEntities(0, List.of("B-D", "I-D", "B-D"))).containsExactly(
                new Entity(0, 0, 2, "D"), new Entity(0, 2, 3, "D"));
    }

    @Test
    void allOutsideSentencesHaveNoEntities() {
        // no gold and no predicted entity: every ratio is 0/0 -> 0 (zero_division=0); no per-type keys
        Map<String, Double> none = metrics(List.of(List.of("O", "O"), List.of("O")),
                List.of(List.of("O", "O"), List.of("O")));
        assertPrf(none, "", 0, 0, 0);
        assertPrf(none, "strict.", 0, 0, 0);
        assertThat(none.get("accuracy")).isEqualTo(1.0);
        assertThat(none).containsOnlyKeys("precision", "recall", "f1", "strict.precision", "strict.recall",
                "strict.f1", "accuracy");
        // one spurious prediction: correct 0 / predicted 1 -> P = 0; gold 0 -> R = 0; F = 0; tokens 2 of 3
        Map<String, Double> spurious = metrics(List.of(List.of("O", "O"), List.of("O")),
                List.of(List.of("O", "B-D"), List.of("O")));
        assertPrf(spurious, "", 0, 0, 0);
        assertThat(spurious.get("accuracy")).isCloseTo(2.0 / 3, EXACT);
        assertThat(spurious).containsEntry("f1.D", 0.0);
    }

    @Test
    void perfectPrediction() {
        List<List<String>> tags = List.of(List.of("B-Chemical", "I-Chemical", "O", "B-Disease"),
                List.of("O", "B-Disease", "I-Disease"), List.of());
        Map<String, Double> m = metrics(tags, tags);
        assertPrf(m, "", 1, 1, 1);
        assertPrf(m, "strict.", 1, 1, 1);
        assertThat(m).containsEntry("accuracy", 1.0).containsEntry("f1.Chemical", 1.0)
                .containsEntry("f1.Disease", 1.0);
        assertThat(m.keySet()).containsExactly("precision", "recall", "f1", "strict.precision", "strict.recall",
                "strict.f1", "accuracy", "precision.Chemical", "recall.Chemical", "f1.Chemical",
                "precision.Disease", "recall.Disease", "f1.Disease");
    }

    @Test
    void perTypeScores() {
        // gold  B-C O B-D I-D O B-C -> C: (0,0,1), (0,5,6); D: (0,2,4)
        // pred  B-C O B-D O   O B-D -> C: (0,0,1);         D: (0,2,3), (0,5,6)
        Map<String, Double> m = metrics(List.of(List.of("B-C", "O", "B-D", "I-D", "O", "B-C")),
                List.of(List.of("B-C", "O", "B-D", "O", "O", "B-D")));
        // overall: correct 1 (C 0-1), predicted 3, gold 3 -> P = R = F = 1/3
        assertPrf(m, "", 1.0 / 3, 1.0 / 3, 1.0 / 3);
        // C: correct 1, predicted 1 -> P = 1; gold 2 -> R = 1/2; F = 2 * 0.5 / 1.5 = 2/3
        assertThat(m.get("precision.C")).isEqualTo(1.0);
        assertThat(m.get("recall.C")).isEqualTo(0.5);
        assertThat(m.get("f1.C")).isCloseTo(2.0 / 3, EXACT);
        // D: correct 0, predicted 2, gold 1 -> 0, 0, 0
        assertThat(m).containsEntry("precision.D", 0.0).containsEntry("recall.D", 0.0).containsEntry("f1.D", 0.0);
        // tokens: positions 3 (I-D vs O) and 5 (B-C vs B-D) differ -> 4/6
        assertThat(m.get("accuracy")).isCloseTo(2.0 / 3, EXACT);
    }

    @Test
    void shapeAndTagErrors() {
        assertThatThrownBy(() -> metrics(List.of(List.of("O")), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gold has 1 sentences but predicted has 0; expected one predicted tag sequence per gold "
                        + "sentence");
        assertThatThrownBy(() -> metrics(List.of(List.of("O"), List.of("O", "O")), List.of(List.of("O"), List.of("O"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sentence 1: gold has 2 tags but predicted has 1; expected one tag per word");
        assertThatThrownBy(() -> metrics(List.of(List.of("O", "O")), List.of(List.of("O", "E-D"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predicted sentence 0, word 1")
                .hasMessageContaining("'E-D'");
    }
}
