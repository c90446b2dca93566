package org.minialbert.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.minialbert.api.ConfigurationException;

class WindowingTest {
    private static final int CLS = 101;
    private static final int SEP = 102;

    private static long[] tokens(int n) {
        return LongStream.rangeClosed(1, n).toArray();
    }

    @Test
    void windowsOverlapByTheStride() {
        Windowing windowing = new Windowing(8, 2, 10, 42);
        List<int[]> windows = windowing.windows(tokens(14), 0, CLS, SEP);
        assertThat(windows).hasSize(3);
        assertThat(windows.get(0)).containsExactly(CLS, 1, 2, 3, 4, 5, 6, SEP);
        assertThat(windows.get(1)).containsExactly(CLS, 5, 6, 7, 8, 9, 10, SEP);
        assertThat(windows.get(2)).containsExactly(CLS, 9, 10, 11, 12, 13, 14, SEP);
    }

    @Test
    void shortDocumentIsOneWindow() {
        assertThat(new Windowing(8, 2, 10, 42).windows(tokens(3), 0, CLS, SEP))
                .singleElement().satisfies(w -> assertThat(w).containsExactly(CLS, 1, 2, 3, SEP));
    }

    @Test
    void referenceSettingsGiveWindowsOf256Tokens() {
        List<int[]> windows = new Windowing(256, 128, 10, 42).windows(tokens(1000), 0, CLS, SEP);
        assertThat(windows.get(0)).hasSize(256);
        assertThat(windows.get(1)[1]).as("second window starts 254 - 128 = 126 tokens later").isEqualTo(127);
    }

    @Test
    void longDocumentsKeepASeededSampleInOrder() {
        Windowing windowing = new Windowing(8, 2, 3, 42);
        List<int[]> sampled = windowing.windows(tokens(100), 5, CLS, SEP);
        assertThat(sampled).hasSize(3);
        assertThat(sampled.get(0)[1]).isLessThan(sampled.get(1)[1]);
        assertThat(sampled.get(1)[1]).isLessThan(sampled.get(2)[1]);
        List<int[]> again = windowing.windows(tokens(100), 5, CLS, SEP);
        assertThat(again.stream().map(w -> w[1]).toList()).isEqualTo(sampled.stream().map(w -> w[1]).toList());
        List<int[]> otherDocument = windowing.windows(tokens(100), 6, CLS, SEP);
        List<int[]> otherSeed = new Windowing(8, 2, 3, 7).windows(tokens(100), 5, CLS, SEP);
        assertThat(List.of(otherDocument, otherSeed)).anySatisfy(w -> assertThat(w.stream().map(x -> x[1]).toList())
                .isNotEqualTo(sampled.stream().map(x -> x[1]).toList()));
    }

    @Test
    void strideMustLeaveProgress() {
        assertThatThrownBy(() -> new Windowing(8, 6, 10, 42)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data.stride must be between 0 and max-length - 3 = 5");
    }
}
