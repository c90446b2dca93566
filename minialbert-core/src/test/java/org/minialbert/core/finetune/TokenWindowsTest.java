package org.minialbert.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.TokenExample;
import org.minialbert.core.model.EmbeddedModel;
import org.minialbert.core.text.TextTokenizer;

/** Windows over word pieces of the bge tokenizer: word boundaries kept, labels on the right pieces. */
class TokenWindowsTest {
    private static final List<String> LABELS = List.of("O", "B-Disease", "I-Disease");

    private static TokenWindows windows(List<TokenExample> sentences, int maxLength, boolean everyPiece) {
        try (TextTokenizer tokenizer = TextTokenizer.openUntruncated(EmbeddedModel.BGE_SMALL_EN_V15.tokenizerFile())) {
            return new TokenWindows(sentences, LABELS, tokenizer, maxLength, everyPiece, 101, 102);
        }
    }

    @Test
    void firstPieceCarriesTheWordsTag() {
        TokenExample sentence = new TokenExample(0, List.of("Aspirin", "reduces", "hyperlipidemia", "."),
                List.of("O", "O", "B-Disease", "O"));
        TokenWindows.Window window = windows(List.of(sentence), 64, false).windows().get(0);
        // pieces: [CLS] as ##pi ##rin reduces hyper ##lip ##ide ##mia . [SEP]
        assertThat(window.ids()[0]).isEqualTo(101);
        assertThat(window.ids()[window.ids().length - 1]).isEqualTo(102);
        assertThat(window.labels()).containsExactly(-100, 0, -100, -100, 0, 1, -100, -100, -100, 0, -100);
        assertThat(window.scoredWord()).containsExactly(-1, 0, -1, -1, 1, 2, -1, -1, -1, 3, -1);
        TokenWindows.Window every = windows(List.of(sentence), 64, true).windows().get(0);
        assertThat(every.labels()).containsExactly(-100, 0, 0, 0, 0, 1, 1, 1, 1, 0, -100);
    }

    @Test
    void longSentencesAreCutAtWordBoundariesWithoutLosingWords() {
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            words.add(i % 3 == 0 ? "hyperlipidemia" : "and");
            tags.add(i % 3 == 0 ? "B-Disease" : "O");
        }
        TokenWindows cut = windows(List.of(new TokenExample(0, words, tags)), 12, false);
        assertThat(cut.windows()).hasSizeGreaterThan(1).allSatisfy(w -> assertThat(w.ids().length).isLessThanOrEqualTo(12));
        List<Integer> scored = new ArrayList<>();
        cut.windows().forEach(w -> {
            for (int word : w.scoredWord()) {
                if (word >= 0) {
                    scored.add(word);
                }
            }
        });
        assertThat(scored).as("every word scored once, in order").hasSize(40).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void unknownTagIsAnError() {
        assertThatThrownBy(() -> windows(List.of(new TokenExample(0, List.of("x"), List.of("B-Gene"))), 64, false))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("'B-Gene'");
    }
}
