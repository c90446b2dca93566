package org.minialbert.core.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;

/**
 * A model's tokenizer ({@code tokenizer.json}), adding [CLS]/[SEP] and truncating to
 * {@code maxLength} tokens; batches are padded to their longest row.
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, Path file) {
        this.tokenizer = tokenizer;
        this.file = file;
    }

    /** Opens {@code tokenizerJson}; sequences are cut to {@code maxLength} tokens, special tokens included. */
    public static TextTokenizer open(Path tokenizerJson, int maxLength) {
        if (maxLength < 2) {
            throw new ConfigurationException("max-length must be at least 2 (room for [CLS] and [SEP]), found "
                    + maxLength);
        }
        return open(tokenizerJson, HuggingFaceTokenizer.builder().optMaxLength(maxLength).optTruncation(true));
    }

    /** Opens {@code tokenizerJson} without truncation, for cutting long documents into windows. */
    public static TextTokenizer openUntruncated(Path tokenizerJson) {
        return open(tokenizerJson, HuggingFaceTokenizer.builder().optTruncation(false));
    }

    private static TextTokenizer open(Path tokenizerJson, HuggingFaceTokenizer.Builder builder) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ConfigurationException(tokenizerJson + ": tokenizer file not found");
        }
        try {
            HuggingFaceTokenizer tokenizer = builder.optTokenizerPath(tokenizerJson).optPadding(false).build();
            return new TextTokenizer(tokenizer, tokenizerJson);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(tokenizerJson + ": not a readable HF tokenizer.json: " + e.getMessage(), e);
        }
    }

    /** Number of token ids a tokenizer file can produce: one more than its largest id. */
    public static int vocabularySize(Path tokenizerJson) {
        try {
            JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
            int max = -1;
            for (JsonNode id : root.path("model").path("vocab")) {
                max = Math.max(max, id.asInt());
            }
            for (JsonNode token : root.path("added_tokens")) {
                max = Math.max(max, token.path("id").asInt());
            }
            return max + 1;
        } catch (IOException e) {
            throw new ConfigurationException(tokenizerJson + ": not a readable tokenizer.json: " + e.getMessage(), e);
        }
    }

    /** Token ids of one text, [CLS] and [SEP] included. */
    public long[] ids(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** Token ids of one text without special tokens (not truncated by an untruncated tokenizer). */
    public long[] contentIds(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** The id of a special token such as {@code [MASK]}; an error if the tokenizer does not know it. */
    public long tokenId(String token) {
        long[] ids = contentIds(token);
        if (ids.length != 1) {
            throw new ConfigurationException(file + ": the tokenizer has no single token " + token
                    + "; a BERT WordPiece tokenizer with [CLS], [SEP], [MASK] and [PAD] is needed");
        }
        return ids[0];
    }

    /** {@code texts} tokenised and padded to the longest, single-segment (token type 0). */
    public TokenBatch batch(List<String> texts) {
        if (texts.isEmpty()) {
            throw new DataFormatException("no text to encode (the input is empty)");
        }
        List<Encoded> encoded = encode(texts, null);
        return TokenBatch.padded(encoded.stream().map(Encoded::ids).toList(),
                encoded.stream().map(Encoded::typeIds).toList());
    }

    /**
     * Sentence pairs tokenised as {@code [CLS] a [SEP] b [SEP]} (token types 0 then 1), truncated
     * longest-first to the maximum length; {@code second} null means single sentences.
     */
    public List<Encoded> encode(List<String> first, List<String> second) {
        Encoding[] encodings;
        if (second == null) {
            encodings = tokenizer.batchEncode(first);
        } else {
            PairList<String, String> pairs = new PairList<>(first, second);
            encodings = tokenizer.batchEncode(pairs);
        }
        List<Encoded> encoded = new ArrayList<>(encodings.length);
        for (Encoding encoding : encodings) {
            encoded.add(new Encoded(encoding.getIds(), encoding.getTypeIds()));
        }
        return encoded;
    }

    /** Word pieces of pre-tokenised words, without special tokens, each with the index of its word. */
    public WordPieces wordPieces(List<String> words) {
        Encoding encoding = tokenizer.encode(words.toArray(String[]::new), false, false);
        return new WordPieces(encoding.getIds(), encoding.getWordIds());
    }

    /** Piece ids and, for each piece, the index of the word it came from. */
    public record WordPieces(long[] ids, long[] wordIds) {
    }

    /** Token ids and token type ids of one tokenised text or pair. */
    public record Encoded(long[] ids, long[] typeIds) {
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
