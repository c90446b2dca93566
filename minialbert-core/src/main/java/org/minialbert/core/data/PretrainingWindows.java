package org.minialbert.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.text.TextTokenizer;

/**
 * The tokenised training windows of a corpus: read documents, tokenise each without truncation,
 * cut it with {@link Windowing}, and cache the result keyed by the corpus files' content, the
 * tokenizer file and every setting that changes the windows.
 */
public final class PretrainingWindows {
    private PretrainingWindows() {
    }

    /**
     * @param sources the corpus files, or empty for the embedded English Europarl corpus
     * @param maxDocuments at most this many documents (null = all)
     * @param progress told the number of documents tokenised so far (only when not cached)
     */
    public static List<int[]> load(List<CorpusSource> sources, Integer maxDocuments, Windowing windowing,
            Path tokenizerFile, TokenCache cache, IntConsumer progress) {
        List<String> keyParts = new ArrayList<>(List.of("windows-v1", windowing.toString(), String.valueOf(maxDocuments),
                TokenCache.fingerprint(tokenizerFile)));
        if (sources.isEmpty()) {
            keyParts.add(EmbeddedCorpus.NAME);
        }
        for (CorpusSource source : sources) {
            keyParts.add(source.format() + ":" + TokenCache.fingerprint(source.path()));
        }
        String key = TokenCache.key(keyParts);
        return cache.load(key).orElseGet(() -> {
            List<int[]> windows = tokenize(sources, maxDocuments, windowing, tokenizerFile, progress);
            cache.store(key, windows);
            return windows;
        });
    }

    private static List<int[]> tokenize(List<CorpusSource> sources, Integer maxDocuments, Windowing windowing,
            Path tokenizerFile, IntConsumer progress) {
        List<int[]> windows = new ArrayList<>();
        try (TextTokenizer tokenizer = TextTokenizer.openUntruncated(tokenizerFile)) {
            int cls = Math.toIntExact(tokenizer.tokenId("[CLS]"));
            int sep = Math.toIntExact(tokenizer.tokenId("[SEP]"));
            int[] documents = {0};
            Consumer<String> perDocument = text -> {
                if (maxDocuments == null || documents[0] < maxDocuments) {
                    windows.addAll(windowing.windows(tokenizer.contentIds(text), documents[0], cls, sep));
                    documents[0]++;
                    if (documents[0] % 500 == 0) {
                        progress.accept(documents[0]);
                    }
                }
            };
            if (sources.isEmpty()) {
                EmbeddedCorpus.read(perDocument);
            }
            for (CorpusSource source : sources) {
                source.format().read(source.path(), perDocument);
            }
            if (windows.isEmpty()) {
                throw new DataFormatException("the corpus has no text: "
                        + (sources.isEmpty() ? EmbeddedCorpus.NAME : sources.stream().map(s -> s.path().toString()).toList())
                        + " gave no non-empty document; check the files and their format");
            }
        }
        return windows;
    }
}
