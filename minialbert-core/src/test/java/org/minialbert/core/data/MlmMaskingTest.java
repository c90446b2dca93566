package org.minialbert.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Masking rates measured on many tokens, with tolerances of several standard deviations. */
class MlmMaskingTest {
    private static final int VOCAB = 1000;
    private static final long CLS = 2;
    private static final long SEP = 3;
    private static final long MASK = 4;

    @Test
    void ratesFollowBertMasking() {
        int rows = 2000;
        int length = 128;
        long[] ids = new long[rows * length];
        long[] attention = new long[rows * length];
        SplittableRandom data = new SplittableRandom(1);
        for (int r = 0; r < rows; r++) {
            int real = 64 + data.nextInt(65);
            for (int t = 0; t < real; t++) {
                ids[r * length + t] = t == 0 ? CLS : t == real - 1 ? SEP : 10 + data.nextInt(VOCAB - 10);
                attention[r * length + t] = 1;
            }
        }
        MlmMasking.Masked masked = new MlmMasking(0.15, VOCAB, MASK, CLS, SEP, 0).apply(ids, attention,
                new SplittableRandom(42));
        long candidates = 0;
        long selected = 0;
        long toMask = 0;
        long unchanged = 0;
        for (int i = 0; i < ids.length; i++) {
            boolean special = ids[i] == CLS || ids[i] == SEP;
            if (attention[i] == 0 || special) {
                assertThat(masked.labels()[i]).as("padding and special tokens are never selected").isEqualTo(-100);
                assertThat(masked.inputIds()[i]).isEqualTo(ids[i]);
                continue;
            }
            candidates++;
            if (masked.labels()[i] == -100) {
                assertThat(masked.inputIds()[i]).isEqualTo(ids[i]);
                continue;
            }
            assertThat(masked.labels()[i]).isEqualTo(ids[i]);
            selected++;
            if (masked.inputIds()[i] == MASK) {
                toMask++;
            } else if (masked.inputIds()[i] == ids[i]) {
                unchanged++;
            }
        }
        long random = selected - toMask - unchanged;
        assertThat((double) selected / candidates).isCloseTo(0.15, within(0.003));
        assertThat((double) toMask / selected).isCloseTo(0.8, within(0.01));
        assertThat((double) random / selected).as("random ids (a random id equal to the original counts as unchanged)")
                .isCloseTo(0.1, within(0.01));
        assertThat((double) unchanged / selected).isCloseTo(0.1, within(0.01));
    }

    @Test
    void sameSeedSameMasks() {
        long[] ids = new long[500];
        long[] attention = new long[500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 10 + i;
            attention[i] = 1;
        }
        MlmMasking masking = new MlmMasking(0.15, VOCAB, MASK, CLS, SEP);
        assertThat(masking.apply(ids, attention, new SplittableRandom(7)).inputIds())
                .containsExactly(masking.apply(ids, attention, new SplittableRandom(7)).inputIds());
        assertThat(masking.apply(ids, attention, new SplittableRandom(7)).labels())
                .isNotEqualTo(masking.apply(ids, attention, new SplittableRandom(8)).labels());
    }
}
