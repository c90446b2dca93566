package org.minialbert.tasks.bioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.TokenExample;

/** The fixed label order and the tag-to-index helper. */
class IobLabelsTest {

    @Test
    void outsideFirstThenSortedTypesEachWithBeginAndInside() {
        // types appear as Zeta (I- only), GENE (B- only), Alpha (both), in that order
        List<TokenExample> training = List.of(
                new TokenExample(0, List.of("a", "b"), List.of("I-Zeta", "B-GENE")),
                new TokenExample(1, List.of("c", "d", "e"), List.of("B-Alpha", "I-Alpha", "O")));
        List<String> labels = new NcbiDiseaseTaskProvider().create(ConfigFactory.empty()).labels(training);
        assertThat(labels).containsExactly("O", "B-Alpha", "I-Alpha", "B-GENE", "I-GENE", "B-Zeta", "I-Zeta");
        assertThat(IobLabels.of(List.of(new TokenExample(0, List.of("x"), List.of("O"))))).containsExactly("O");
        assertThat(IobLabels.of(List.of())).containsExactly("O");
    }

    @Test
    void labelIndex() {
        List<String> labels = List.of("O", "B-Disease", "I-Disease");
        assertThat(IobLabels.labelIndex(labels, "I-Disease")).isEqualTo(2);
        assertThatThrownBy(() -> IobLabels.labelIndex(labels, "B-Chemical")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("'B-Chemical'").hasMessageContaining("[O, B-Disease, I-Disease]");
    }

    @Test
    void invalidTrainingTag() {
        assertThatThrownBy(() -> IobLabels.of(List.of(new TokenExample(4, List.of("x"), List.of("S-X")))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("'S-X' in sentence 4");
    }
}
