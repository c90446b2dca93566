package org.minialbert.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {

    @Test
    void storedWindowsLoadBackUnderTheirKey(@TempDir Path dir) throws IOException {
        TokenCache cache = new TokenCache(dir.resolve("cache"));
        String key = TokenCache.key(List.of("corpus", "tokenizer", "256"));
        assertThat(cache.load(key)).isEmpty();
        cache.store(key, List.of(new int[] {101, 7, 8, 102}, new int[] {101, 30521, 102}));
        List<int[]> loaded = cache.load(key).orElseThrow();
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0)).containsExactly(101, 7, 8, 102);
        assertThat(loaded.get(1)).containsExactly(101, 30521, 102);
        assertThat(TokenCache.key(List.of("corpus", "tokenizer", "128"))).isNotEqualTo(key);
        Files.write(cache.file(key), new byte[] {1, 2, 3});
        assertThat(cache.load(key)).as("an unreadable cache file is a cache miss").isEmpty();
    }
}
