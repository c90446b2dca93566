package org.minialbert.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;

/**
 * How a corpus file is split into documents. Every format reads gzip-compressed files too.
 * <ul>
 *   <li>{@code lines}: one document per non-empty line;</li>
 *   <li>{@code paragraphs}: documents separated by blank lines;</li>
 *   <li>{@code jsonl}: one JSON object per line, the document in its {@code text} field;</li>
 *   <li>{@code wikitext}: the WikiText layout, an article starting at each {@code  = Title = } line
 *       (section headings {@code  = = Section = = } stay inside their article).</li>
 * </ul>
 */
public enum CorpusFormat {
    LINES, PARAGRAPHS, JSONL, WIKITEXT;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a job file's {@code format} value. */
    public static CorpusFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("unknown corpus format '" + name + "'; allowed: "
                    + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** Calls {@code documents} with each non-blank document of {@code file}, in file order. */
    public void read(Path file, Consumer<String> documents) {
        int line = 0;
        try (BufferedReader reader = TextFiles.open(file)) {
            StringBuilder current = new StringBuilder();
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                accept(text, current, documents, file, line);
            }
            flush(current, documents);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file + ":" + (line + 1) + ": not valid UTF-8 text (a corrupt or binary "
                    + "file?)", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ":" + (line + 1) + ": cannot read (" + e.getMessage()
                    + "); if the file is gzip-compressed it may be truncated", e);
        }
    }

    private void accept(String text, StringBuilder current, Consumer<String> documents, Path file, int line) {
        switch (this) {
            case LINES:
                emit(text, documents);
                break;
            case JSONL:
                emit(jsonText(text, file, line), documents);
                break;
            case PARAGRAPHS:
                if (text.isBlank()) {
                    flush(current, documents);
                } else {
                    current.append(current.length() == 0 ? "" : " ").append(text.strip());
                }
                break;
            default:
                if (isWikiTitle(text)) {
                    flush(current, documents);
                } else if (!text.isBlank() && !isWikiHeading(text)) {
                    current.append(current.length() == 0 ? "" : " ").append(text.strip());
                }
        }
    }

    private static String jsonText(String text, Path file, int line) {
        if (text.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(text).get("text");
            if (node == null || !node.isTextual()) {
                throw new DataFormatException(file + ":" + line + ": JSON line without a string field 'text'");
            }
            return node.asText();
        } catch (IOException e) {
            throw new DataFormatException(file + ":" + line + ": not a JSON object: " + e.getMessage(), e);
        }
    }

    private static boolean isWikiTitle(String line) {
        String s = line.strip();
        return s.startsWith("= ") && s.endsWith(" =") && !s.startsWith("= =");
    }

    private static boolean isWikiHeading(String line) {
        String s = line.strip();
        return s.startsWith("= =") && s.endsWith("= =");
    }

    private static void emit(String text, Consumer<String> documents) {
        if (!text.isBlank()) {
            documents.accept(text.strip());
        }
    }

    private static void flush(StringBuilder current, Consumer<String> documents) {
        emit(current.toString(), documents);
        current.setLength(0);
    }
}
