package org.minialbert.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnglishFilterTest {

    @Test
    void tellsEnglishFromTheOtherEuroparlLanguages() {
        assertThat(EnglishFilter.isEnglish("We call on the Commission to submit new proposals to combat "
                + "discrimination in the fields of employment and education.")).isTrue();
        assertThat(EnglishFilter.isEnglish("Invitiamo dunque la Commissione a sottoporre nuove proposte intese a "
                + "combattere in modo efficace la discriminazione basata sul sesso.")).isFalse();
        assertThat(EnglishFilter.isEnglish("Die Kommission hat einen Vorschlag vorgelegt, der die Rechte der "
                + "Verbraucher in der Union stärken soll.")).isFalse();
        assertThat(EnglishFilter.isEnglish("La Commission a présenté une proposition qui renforce les droits des "
                + "consommateurs dans l'Union.")).isFalse();
        assertThat(EnglishFilter.isEnglish("Detta är, givetvis, en komplicerad fråga som vi måste lösa.")).isFalse();
        assertThat(EnglishFilter.isEnglish("the the")).as("too short to judge").isFalse();
    }

    @Test
    void embeddedCorpusHasThousandsOfEnglishDocuments() {
        List<String> documents = new ArrayList<>();
        EmbeddedCorpus.read(documents::add);
        assertThat(documents).hasSizeGreaterThan(1000);
        long withEnglishArticle = documents.stream().filter(d -> d.contains(" the ")).count();
        assertThat(withEnglishArticle).as("documents containing ' the '").isGreaterThan(documents.size() * 95L / 100);
        assertThat(documents).noneMatch(d -> d.contains(" und ") && d.contains(" der ") && d.contains(" die "));
    }
}
